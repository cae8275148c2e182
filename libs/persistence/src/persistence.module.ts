import { Global, Module } from '@nestjs/common';
import { IdempotentCommands } from './idempotent-commands';
import { UnitOfWork } from './unit-of-work';

/** The data layer's shared parts, for every service's repositories and services. */
@Global()
@Module({ providers: [UnitOfWork, IdempotentCommands], exports: [UnitOfWork, IdempotentCommands] })
export class PersistenceModule {}
