import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CategoriesModule } from '../categories/categories.module';
import { SuppliersModule } from '../suppliers/suppliers.module';
import { Product } from './product.entity';
import { productCacheProviders } from './product-cache';
import { ProductsController } from './products.controller';
import { ProductsRepository } from './products.repository';
import { ProductsService } from './products.service';

@Module({
  imports: [TypeOrmModule.forFeature([Product]), CategoriesModule, SuppliersModule],
  controllers: [ProductsController],
  providers: [ProductsService, ProductsRepository, ...productCacheProviders],
  exports: [ProductsRepository],
})
export class ProductsModule {}
