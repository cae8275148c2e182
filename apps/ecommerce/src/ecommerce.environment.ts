import { ServiceEnvironment } from '@app/config';

export class EcommerceEnvironment extends ServiceEnvironment {}
