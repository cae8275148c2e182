import { ServiceConfig } from '@app/config';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { destination as pinoDestination, type DestinationStream } from 'pino';

export const CORRELATION_HEADER = 'x-correlation-id';

const QUIET_ROUTES = ['/health', '/health/live', '/metrics'];

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's correlation id (as set by the gateway), or a new one. Used as Fastify's request
 * id, which pino-http then logs as `correlation_id`.
 */
export function correlationIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const incoming = firstHeader(request.headers[CORRELATION_HEADER]) ?? firstHeader(request.headers['x-request-id']);
  return validOrNew(incoming);
}

/**
 * The `correlation_id` a command or event carries in its payload (the saga and the outbox put it
 * there), or a new one, so one id ties the gateway, the orchestrator and every participant together.
 */
function commandCorrelationIdOf(context: ExecutionContext): string {
  const data: unknown = context.switchToRpc().getData();
  const carried = typeof data === 'object' && data !== null ? (data as { correlation_id?: unknown }).correlation_id : undefined;
  return validOrNew(typeof carried === 'string' ? carried : undefined);
}

function validOrNew(candidate: string | undefined): string {
  return candidate && /^[\w.:-]{1,128}$/.test(candidate) ? candidate : randomUUID();
}

/** Every response says which correlation id it was logged under. */
export function echoCorrelationId(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      reply.header(CORRELATION_HEADER, request.id);
    });
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

/** Lines are written when this much has gathered, or at the latest every LOG_FLUSH_MS. */
const LOG_BATCH_BYTES = 8 * 1024;
const LOG_FLUSH_MS = 250;

/**
 * Standard output, written in batches. Writing it synchronously cost a fifth of a busy service's CPU, and even
 * asynchronously one write (a system call, and a read by the supervisor that files the lines) per line cost the
 * defaults 10–15 % of the saga benchmark's throughput against LOG_LEVEL=warn (issue 19): lines now leave in blocks
 * of up to 8 KB, at the latest a quarter of a second after they were logged; pino flushes what is left on exit.
 */
function batchedStdout(): DestinationStream {
  const stream = pinoDestination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES });
  const timer = setInterval(() => {
    // Only when something waits (an empty flush would still make a write); one under way is left to finish.
    if ((stream as unknown as { _len: number })._len > 0) stream.flush();
  }, LOG_FLUSH_MS);
  timer.unref();
  return stream;
}

/**
 * One nestjs-pino configuration for every service: JSON logs, correlation id, secrets redacted.
 * Each HTTP request and each handled command or event gets a line carrying its `correlation_id`.
 * `destination` replaces stdout (tests read the lines from it).
 */
export function loggerModule(config: ServiceConfig, destination?: DestinationStream) {
  const options = {
    name: config.service,
    level: config.logLevel,
    customAttributeKeys: { reqId: 'correlation_id' },
    // A request line says what was asked and answered, not every header: serialising and redacting the
    // headers was most of a cached request's CPU (profiled), and leaves no key or cookie to leak.
    wrapSerializers: false,
    quietReqLogger: true,
    serializers: {
      // originalUrl: the middleware layer rewrites url to the part below its mount point.
      req: (request: IncomingMessage & { originalUrl?: string }) => ({
        method: request.method,
        url: request.originalUrl ?? request.url,
      }),
      res: (response: { statusCode: number }) => ({ status_code: response.statusCode }),
    },
    // originalUrl: under Fastify the middleware sees `url` relative to where it is mounted ('/' for /health).
    autoLogging: {
      ignore: (request: IncomingMessage & { originalUrl?: string }) =>
        QUIET_ROUTES.includes((request.originalUrl ?? request.url ?? '').split('?')[0]),
    },
  };
  const pretty = destination ? undefined : prettyTransport(config);
  const stream = destination ?? (pretty ? undefined : batchedStdout());
  return LoggerModule.forRoot({
    pinoHttp: stream ? [options, stream] : { ...options, transport: pretty },
    microservice: { genReqId: commandCorrelationIdOf, customAttributeKeys: { reqId: 'correlation_id' } },
  });
}
