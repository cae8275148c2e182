import { ServiceEnvironment } from '@app/config';

export class RetailEnvironment extends ServiceEnvironment {}
