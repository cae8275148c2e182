import { ServiceDefinition } from '@app/bootstrap';
import { sagaOrchestratorDatabase } from './saga-orchestrator.database';
import { SagaOrchestratorEnvironment } from './saga-orchestrator.environment';
import { SystemHealthModule } from './health/system-health.module';
import { SagasModule } from './sagas/sagas.module';

export const sagaOrchestratorService: ServiceDefinition<SagaOrchestratorEnvironment> = {
  service: 'saga-orchestrator',
  title: 'Saga orchestrator',
  description: 'Order processing across inventory, ecommerce and payment: durable, idempotent, compensated',
  environment: SagaOrchestratorEnvironment,
  database: sagaOrchestratorDatabase,
  modules: [SagasModule, SystemHealthModule],
};
