import { ServiceConfig } from '@app/config';
import { SERVICES, ServiceName } from '@app/contracts';
import { ClientProvider, MicroserviceOptions, Transport } from '@nestjs/microservices';

/** Where `service` listens for commands: NATS (queue group per service) when NATS_URL is set, else TCP. */
export function serverTransport(config: ServiceConfig): MicroserviceOptions {
  if (config.natsUrl) {
    return { transport: Transport.NATS, options: { servers: [config.natsUrl], queue: SERVICES[config.service].queue } };
  }
  return { transport: Transport.TCP, options: { host: config.host, port: config.tcpPort } };
}

/** How another service reaches `target` (its TCP address may be overridden, e.g. INVENTORY_TCP_URL=host:port). */
export function clientTransport(target: ServiceName, config: ServiceConfig, env = process.env): ClientProvider {
  if (config.natsUrl) {
    return { transport: Transport.NATS, options: { servers: [config.natsUrl] } };
  }
  const variable = `${target.toUpperCase().replace(/-/g, '_')}_TCP_URL`;
  const [host, port] = (env[variable] ?? `127.0.0.1:${SERVICES[target].tcpPort}`).split(':');
  return { transport: Transport.TCP, options: { host, port: Number(port) } };
}
