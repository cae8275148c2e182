import { ServiceDefinition } from '@app/bootstrap';
import { ServiceName } from '@app/contracts';
import { ecommerceService } from '../../apps/ecommerce/src/ecommerce.service';
import { inventoryService } from '../../apps/inventory/src/inventory.service';
import { reportingService } from '../../apps/reporting/src/reporting.service';
import { retailService } from '../../apps/retail/src/retail.service';
import { sagaOrchestratorService } from '../../apps/saga-orchestrator/src/saga-orchestrator.service';

/** The services this workspace builds, in start-up order. */
export const SERVICE_DEFINITIONS = [
  inventoryService,
  ecommerceService,
  retailService,
  reportingService,
  sagaOrchestratorService,
] as unknown as ServiceDefinition[];

export function definitionOf(name: string): ServiceDefinition {
  const definition = SERVICE_DEFINITIONS.find((candidate) => candidate.service === name);
  if (!definition) {
    throw new Error(`Unknown service "${name}"; known: ${SERVICE_DEFINITIONS.map((d) => d.service).join(', ')}`);
  }
  return definition;
}

export function selected(names: string[]): ServiceDefinition[] {
  return names.length ? names.map(definitionOf) : SERVICE_DEFINITIONS;
}

/** What `node tools/build.mjs` writes: dist/ mirrors the sources. */
export function entryOf(service: ServiceName): string {
  return `dist/apps/${service}/src/main.js`;
}

export const GATEWAY_ENTRY = 'dist/apps/gateway/src/main.js';

/** Serves the console that tools/console-build.mjs built into dist/console. */
export const CONSOLE_SERVER_ENTRY = 'dist/tools/src/console-server.js';
