import { ServiceEnvironment, loadServiceConfig } from '@app/config';
import { freePort } from '@app/testing';
import { Controller, INestApplication } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { lastValueFrom } from 'rxjs';
import { loggerModule } from './logger';

@Controller()
class EchoController {
  @MessagePattern('test.echo')
  echo(@Payload() payload: object): object {
    return payload;
  }
}

interface LogLine {
  msg: string;
  name: string;
  correlation_id?: string;
  rpc?: { pattern: string };
}

describe('loggerModule', () => {
  const lines: LogLine[] = [];
  let app: INestApplication;
  let client: ClientProxy;

  beforeAll(async () => {
    const config = loadServiceConfig('inventory', ServiceEnvironment, { NODE_ENV: 'test', LOG_LEVEL: 'info' });
    const destination = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
    const module = await Test.createTestingModule({
      imports: [loggerModule(config, destination)],
      controllers: [EchoController],
    }).compile();
    app = module.createNestApplication(new FastifyAdapter(), { logger: false });
    const port = await freePort();
    app.connectMicroservice({ transport: Transport.TCP, options: { host: '127.0.0.1', port } }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    await app.init();
    client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port } });
  });

  afterAll(async () => {
    await client.close();
    await app.close();
  });

  const handled = (pattern: string) => lines.filter((line) => line.rpc?.pattern === pattern && line.msg === 'message completed');

  it('logs each handled command under the correlation id it carries', async () => {
    await lastValueFrom(client.send('test.echo', { correlation_id: 'saga-corr-1', value: 1 }));
    expect(handled('test.echo')).toEqual([expect.objectContaining({ name: 'inventory', correlation_id: 'saga-corr-1' })]);
  });

  it('gives a command without a usable correlation id a new one', async () => {
    lines.length = 0;
    await lastValueFrom(client.send('test.echo', { correlation_id: 'not valid!' }));
    await lastValueFrom(client.send('test.echo', { value: 2 }));
    const ids = handled('test.echo').map((line) => line.correlation_id);
    expect(ids).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
