import { Global, Module } from '@nestjs/common';
import { ReferenceData } from './reference-data';
import { ReferenceDataRepository } from './reference-data.repository';
import { SalesFactsRepository } from './sales-facts.repository';

const SHARED = [SalesFactsRepository, ReferenceDataRepository, ReferenceData];

/** What the report features share: the sales facts, the names of things and the 404 for an unknown one. */
@Global()
@Module({ providers: SHARED, exports: SHARED })
export class ReportsModule {}
