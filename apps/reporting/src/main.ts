import 'reflect-metadata';
import { bootstrap } from '@app/bootstrap';
import { reportingService } from './reporting.service';

void bootstrap(reportingService);
