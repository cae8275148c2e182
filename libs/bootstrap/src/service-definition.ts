import { ServiceEnvironment } from '@app/config';
import { ServiceName } from '@app/contracts';
import { ServiceDatabase } from '@app/persistence';
import { DynamicModule, Type } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';

/** Everything the shared bootstrap needs to know about one service. */
export interface ServiceDefinition<Env extends ServiceEnvironment = ServiceEnvironment> {
  service: ServiceName;
  title: string;
  description: string;
  environment: ClassConstructor<Env>;
  database: ServiceDatabase;
  /** The service's feature modules. */
  modules: Array<Type<unknown> | DynamicModule>;
}
