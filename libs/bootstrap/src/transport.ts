import { ServiceConfig } from '@app/config';
import { SERVICES, ServiceName } from '@app/contracts';
import { ClientProvider, JsonSocket, MicroserviceOptions, Transport } from '@nestjs/microservices';
import type { Socket } from 'node:net';

/**
 * Nest's JSON socket with Nagle's algorithm off. Request/response messages are small: with Nagle
 * on, each reply waits for the peer's delayed ACK (up to 40 ms on Linux) before it is sent.
 */
class NoDelayJsonSocket extends JsonSocket {
  constructor(socket: Socket) {
    socket.setNoDelay(true);
    super(socket);
  }
}

/** Where `service` listens for commands: NATS (queue group per service) when NATS_URL is set, else TCP. */
export function serverTransport(config: ServiceConfig): MicroserviceOptions {
  if (config.natsUrl) {
    return { transport: Transport.NATS, options: { servers: [config.natsUrl], queue: SERVICES[config.service].queue } };
  }
  return { transport: Transport.TCP, options: { host: config.host, port: config.tcpPort, socketClass: NoDelayJsonSocket } };
}

/** How another service reaches `target` (its TCP address may be overridden, e.g. INVENTORY_TCP_URL=host:port). */
export function clientTransport(target: ServiceName, config: ServiceConfig): ClientProvider {
  if (config.natsUrl) {
    return { transport: Transport.NATS, options: { servers: [config.natsUrl] } };
  }
  return { transport: Transport.TCP, options: { ...config.tcpAddressOf(target), socketClass: NoDelayJsonSocket } };
}
