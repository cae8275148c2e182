import { DomainException } from '@app/bootstrap';
import { HttpStatus } from '@nestjs/common';

export enum SagaErrorCode {
  SagaNotFound = 'SAGA_NOT_FOUND',
  NotRetryable = 'SAGA_NOT_RETRYABLE',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
}

export class SagaException extends DomainException<SagaErrorCode> {
  constructor(code: SagaErrorCode, message: string) {
    super(code, message);
  }

  get httpStatus(): HttpStatus {
    switch (this.code) {
      case SagaErrorCode.SagaNotFound:
        return HttpStatus.NOT_FOUND;
      case SagaErrorCode.NotRetryable:
      case SagaErrorCode.IdempotencyKeyReused:
        return HttpStatus.CONFLICT;
      default: {
        const unhandled: never = this.code;
        throw new Error(`Unhandled saga error code ${String(unhandled)}`);
      }
    }
  }
}
