import { ErrorResponse } from '@app/contracts';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { throwError } from 'rxjs';
import { DomainException } from './domain.exception';
import { RequestValidationException } from './validation';

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Client errors raised by Fastify itself (bad JSON, body too large, wrong content type). */
function frameworkClientStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * The one place where errors become answers, for HTTP and for message handlers alike.
 * Anything unexpected is logged with an id and answered with a generic 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost) {
    const body = this.toErrorResponse(exception);
    if (host.getType() === 'rpc') {
      return throwError(() => body);
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    return reply.status(body.status_code).send(body);
  }

  private toErrorResponse(exception: unknown): ErrorResponse {
    if (exception instanceof DomainException) {
      return this.response(exception.httpStatus, exception.message, { code: exception.code as string });
    }
    if (exception instanceof RequestValidationException) {
      return this.response(HttpStatus.BAD_REQUEST, 'Validation failed', {
        code: 'VALIDATION_FAILED',
        errors: exception.fieldErrors,
      });
    }
    if (exception instanceof HttpException) {
      return this.response(exception.getStatus(), httpExceptionMessage(exception));
    }
    const clientStatus = frameworkClientStatus(exception);
    if (clientStatus !== undefined) {
      return this.response(clientStatus, (exception as Error).message);
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, error_id: errorId }, 'Unexpected error');
    return this.response(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', { error_id: errorId });
  }

  private response(status: number, message: string, extra: Partial<ErrorResponse> = {}): ErrorResponse {
    return { status_code: status, error: STATUS_CODES[status] ?? 'Error', message, ...extra };
  }
}
