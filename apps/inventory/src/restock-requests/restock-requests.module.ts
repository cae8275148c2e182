import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LocationsModule } from '../locations/locations.module';
import { ProductsModule } from '../products/products.module';
import { StockModule } from '../stock/stock.module';
import { RestockRequest } from './restock-request.entity';
import { RestockRequestsController } from './restock-requests.controller';
import { RestockRequestsRepository } from './restock-requests.repository';
import { RestockRequestsService } from './restock-requests.service';

@Module({
  imports: [TypeOrmModule.forFeature([RestockRequest]), ProductsModule, LocationsModule, StockModule],
  controllers: [RestockRequestsController],
  providers: [RestockRequestsService, RestockRequestsRepository],
})
export class RestockRequestsModule {}
