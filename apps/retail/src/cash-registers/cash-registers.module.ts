import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StoresModule } from '../stores/stores.module';
import { CashRegister } from './cash-register.entity';
import { CashRegistersController } from './cash-registers.controller';
import { CashRegistersRepository } from './cash-registers.repository';
import { CashRegistersService } from './cash-registers.service';

@Module({
  imports: [TypeOrmModule.forFeature([CashRegister]), StoresModule],
  controllers: [CashRegistersController],
  providers: [CashRegistersService, CashRegistersRepository],
  exports: [CashRegistersService],
})
export class CashRegistersModule {}
