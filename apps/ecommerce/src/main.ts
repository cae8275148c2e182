import 'reflect-metadata';
import { bootstrap } from '@app/bootstrap';
import { ecommerceService } from './ecommerce.service';

void bootstrap(ecommerceService);
