import { SERVICE_NAMES, ServiceName } from '@app/contracts';
import { ClassConstructor } from 'class-transformer';
import { ConfigValidationError, loadConfig } from './load-config';
import { ServiceConfig } from './service-config';
import { ServiceEnvironment } from './service-environment';

export * from './load-config';
export * from './service-config';
export * from './service-environment';

/** The variable that says where `peer` listens for commands, e.g. `REPORTING_TCP_URL`. */
export function peerTcpUrlVariable(peer: ServiceName): string {
  return `${peer.toUpperCase().replace(/-/g, '_')}_TCP_URL`;
}

/** Validates the environment of `service` (a schema extending ServiceEnvironment adds its own settings). */
export function loadServiceConfig<Env extends ServiceEnvironment>(
  service: ServiceName,
  schema: ClassConstructor<Env>,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig<Env> {
  const ownUrlVariable = `${service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
  const ownUrl = env[ownUrlVariable] || undefined;
  if (ownUrl !== undefined && !/^postgres(ql)?:\/\/.+/.test(ownUrl)) {
    throw new ConfigValidationError([`${ownUrlVariable} must look like postgres://user@host:5432/database`]);
  }
  const peers = new Map<ServiceName, string>();
  for (const peer of SERVICE_NAMES) {
    const variable = peerTcpUrlVariable(peer);
    const address = env[variable];
    if (!address) continue;
    if (!/^[\w.-]+:\d{1,5}$/.test(address))
      throw new ConfigValidationError([`${variable}="${address}" must look like host:port`]);
    peers.set(peer, address);
  }
  return new ServiceConfig(service, loadConfig(schema, env), ownUrl, peers);
}
