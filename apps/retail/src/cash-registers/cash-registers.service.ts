import { Page, pageOf } from '@app/contracts';
import { PgErrorCode, isPgError } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RetailErrorCode, RetailException } from '../retail.exception';
import { StoresService } from '../stores/stores.service';
import { CashRegister } from './cash-register.entity';
import { CashRegisterQuery, CashRegisterResponse, CreateCashRegisterDto, UpdateCashRegisterDto } from './cash-registers.dto';

@Injectable()
export class CashRegistersService {
  constructor(
    @InjectRepository(CashRegister) private readonly registers: Repository<CashRegister>,
    private readonly stores: StoresService,
  ) {}

  async list(query: CashRegisterQuery): Promise<Page<CashRegisterResponse>> {
    const [rows, total] = await this.registers.findAndCount({
      where: query.store_id === undefined ? {} : { storeId: query.store_id },
      order: { id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(
      rows.map((row) => this.toResponse(row)),
      total,
      query,
    );
  }

  async get(id: number): Promise<CashRegisterResponse> {
    return this.toResponse(await this.find(id));
  }

  async create(dto: CreateCashRegisterDto): Promise<CashRegisterResponse> {
    const store = await this.stores.find(dto.store_id);
    const register = this.registers.create({ storeId: store.id, code: dto.code, active: true });
    try {
      return this.toResponse(await this.registers.save(register));
    } catch (error) {
      if (isPgError(error, PgErrorCode.uniqueViolation)) {
        throw new RetailException(RetailErrorCode.RegisterCodeTaken, `Store ${store.id} already has a register ${dto.code}`);
      }
      throw error;
    }
  }

  async update(id: number, dto: UpdateCashRegisterDto): Promise<CashRegisterResponse> {
    const register = await this.find(id);
    register.active = dto.active;
    return this.toResponse(await this.registers.save(register));
  }

  async find(id: number): Promise<CashRegister> {
    const register = await this.registers.findOneBy({ id });
    if (!register) throw RetailException.notFound(RetailErrorCode.RegisterNotFound, 'Cash register', id);
    return register;
  }

  private toResponse(register: CashRegister): CashRegisterResponse {
    return {
      id: register.id,
      store_id: register.storeId,
      code: register.code,
      active: register.active,
      created_at: register.createdAt.toISOString(),
    };
  }
}
