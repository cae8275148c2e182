/** The five services, their default ports and the names they use on the message transport. */
export const SERVICES = {
  inventory: { httpPort: 3001, tcpPort: 4001, queue: 'inventory' },
  ecommerce: { httpPort: 3002, tcpPort: 4002, queue: 'ecommerce' },
  retail: { httpPort: 3003, tcpPort: 4003, queue: 'retail' },
  reporting: { httpPort: 3004, tcpPort: 4004, queue: 'reporting' },
  'saga-orchestrator': { httpPort: 3005, tcpPort: 4005, queue: 'saga-orchestrator' },
} as const;

export type ServiceName = keyof typeof SERVICES;

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

/** Database name of a service: one database per service, never shared. */
export function databaseNameOf(service: ServiceName): string {
  return service.replace(/-/g, '_');
}
