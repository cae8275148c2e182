import { ServiceDatabase } from '@app/persistence';
import { InitialSchema1795229083582 } from './migrations/1795229083582-initial-schema';
import { StepStatusSuccess1795240000000 } from './migrations/1795240000000-step-status-success';
import { Saga, SagaLogEntry } from './sagas/saga.entity';

export const sagaOrchestratorDatabase: ServiceDatabase = {
  service: 'saga-orchestrator',
  entities: [Saga, SagaLogEntry],
  migrations: [InitialSchema1795229083582, StepStatusSuccess1795240000000],
};
