import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LocationsModule } from '../locations/locations.module';
import { ProductsModule } from '../products/products.module';
import { StockEvents } from './stock-events';
import { StockLevel } from './stock-level.entity';
import { StockController } from './stock.controller';
import { StockRepository } from './stock.repository';
import { StockService } from './stock.service';

@Module({
  imports: [TypeOrmModule.forFeature([StockLevel]), ProductsModule, LocationsModule],
  controllers: [StockController],
  providers: [StockService, StockRepository, StockEvents],
  exports: [StockRepository, StockEvents],
})
export class StockModule {}
