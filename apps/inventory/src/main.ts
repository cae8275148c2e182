import 'reflect-metadata';
import { bootstrap } from '@app/bootstrap';
import { inventoryService } from './inventory.service';

void bootstrap(inventoryService);
