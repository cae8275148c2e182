import 'reflect-metadata';
import { bootstrap } from '@app/bootstrap';
import { retailService } from './retail.service';

void bootstrap(retailService);
