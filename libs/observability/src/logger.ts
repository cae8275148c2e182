import { ServiceConfig } from '@app/config';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

export const CORRELATION_HEADER = 'x-correlation-id';

const QUIET_ROUTES = ['/health', '/health/live', '/metrics'];

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The caller's correlation id (as set by the gateway), or a new one. Echoed on the response. */
export function correlationIdOf(request: IncomingMessage, response: ServerResponse): string {
  const incoming = firstHeader(request.headers[CORRELATION_HEADER]) ?? firstHeader(request.headers['x-request-id']);
  const id = incoming && incoming.length <= 128 ? incoming : randomUUID();
  response.setHeader(CORRELATION_HEADER, id);
  return id;
}

function prettyTransport(config: ServiceConfig) {
  if (!process.stdout.isTTY || config.isTest) return undefined;
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined; // production install without dev dependencies: plain JSON
  }
  return { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } };
}

/** One nestjs-pino configuration for every service: JSON logs, correlation id, secrets redacted. */
export function loggerModule(config: ServiceConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: config.service,
      level: config.logLevel,
      genReqId: correlationIdOf,
      customAttributeKeys: { reqId: 'correlation_id' },
      redact: {
        paths: ['req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      autoLogging: { ignore: (request) => QUIET_ROUTES.includes((request.url ?? '').split('?')[0]) },
      transport: prettyTransport(config),
    },
  });
}
