import { Global, Module } from '@nestjs/common';
import { ReferenceData } from './reference-data';
import { SalesFactsRepository } from './sales-facts.repository';

/** What the report features share: the sales facts and the names of things. */
@Global()
@Module({ providers: [SalesFactsRepository, ReferenceData], exports: [SalesFactsRepository, ReferenceData] })
export class ReportsModule {}
