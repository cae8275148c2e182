import 'reflect-metadata';
import { bootstrap } from '@app/bootstrap';
import { sagaOrchestratorService } from './saga-orchestrator.service';

void bootstrap(sagaOrchestratorService);
