import { Module } from '@nestjs/common';
import { CashRegistersModule } from '../cash-registers/cash-registers.module';
import { StoresModule } from '../stores/stores.module';
import { SalesController } from './sales.controller';
import { SalesRepository } from './sales.repository';
import { SalesService } from './sales.service';

@Module({
  imports: [StoresModule, CashRegistersModule],
  controllers: [SalesController],
  providers: [SalesService, SalesRepository],
  exports: [SalesRepository],
})
export class SalesModule {}
