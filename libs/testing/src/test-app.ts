import { ServiceDefinition, createServiceApp } from '@app/bootstrap';
import { ServiceConfig, ServiceEnvironment, loadServiceConfig, peerTcpUrlVariable } from '@app/config';
import { SERVICE_NAMES } from '@app/contracts';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { TestDatabase, createTestDatabase, testServerUrl } from './test-database';

/** Port 1 (tcpmux): privileged and unused, so a connection to it is refused at once. */
const UNREACHABLE_PEER = '127.0.0.1:1';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestApp<Env extends ServiceEnvironment = ServiceEnvironment> {
  app: NestFastifyApplication;
  config: ServiceConfig<Env>;
  database: TestDatabase;
  dataSource: DataSource;
  /** The node HTTP server, for supertest. */
  http: NestFastifyApplication['getHttpServer'] extends () => infer S ? S : never;
  close(): Promise<void>;
}

/**
 * The real service (HTTP and message handlers) on its own fresh database. With
 * `listen: true` its message transport is started too, on a free TCP port.
 */
export async function createTestApp<Env extends ServiceEnvironment>(
  definition: ServiceDefinition<Env>,
  options: { env?: Record<string, string>; listen?: boolean; database?: TestDatabase } = {},
): Promise<TestApp<Env>> {
  // Given a database, this is a second replica of a service already under test.
  const database = options.database ?? (await createTestDatabase(definition.database));
  const config = loadServiceConfig(definition.service, definition.environment, {
    NODE_ENV: 'test',
    DATABASE_URL: testServerUrl(),
    DATABASE_NAME: database.name,
    DATABASE_POOL_SIZE: '20',
    HOST: '127.0.0.1',
    TCP_PORT: String(await freePort()),
    // A peer the test did not start is unreachable, never whatever runs on this machine's default ports (npm start).
    ...Object.fromEntries(SERVICE_NAMES.map((peer) => [peerTcpUrlVariable(peer), UNREACHABLE_PEER])),
    ...options.env,
  });
  const app = await createServiceApp(definition, config, database.url);
  if (options.listen) await app.startAllMicroservices();
  return {
    app,
    config,
    database,
    dataSource: app.get(DataSource),
    http: app.getHttpServer(),
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
