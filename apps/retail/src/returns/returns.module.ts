import { Module } from '@nestjs/common';
import { SalesModule } from '../sales/sales.module';
import { StoresModule } from '../stores/stores.module';
import { ReturnsController } from './returns.controller';
import { ReturnsRepository } from './returns.repository';
import { ReturnsService } from './returns.service';

@Module({
  imports: [SalesModule, StoresModule],
  controllers: [ReturnsController],
  providers: [ReturnsService, ReturnsRepository],
})
export class ReturnsModule {}
