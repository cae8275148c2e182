import { Module } from '@nestjs/common';
import { StockModule } from '../stock/stock.module';
import { StoreSalesEvents } from './store-sales.events';

@Module({ imports: [StockModule], providers: [StoreSalesEvents] })
export class StoreSalesModule {}
