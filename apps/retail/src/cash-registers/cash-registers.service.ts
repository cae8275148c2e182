import { Page, pageOfRows } from '@app/contracts';
import { unlessTaken } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { RetailErrorCode, RetailException } from '../retail.exception';
import { StoresService } from '../stores/stores.service';
import { CashRegister } from './cash-register.entity';
import { CashRegisterQuery, CashRegisterResponse, CreateCashRegisterDto, UpdateCashRegisterDto } from './cash-registers.dto';
import { CashRegistersRepository } from './cash-registers.repository';

@Injectable()
export class CashRegistersService {
  constructor(
    private readonly registers: CashRegistersRepository,
    private readonly stores: StoresService,
  ) {}

  async list(query: CashRegisterQuery): Promise<Page<CashRegisterResponse>> {
    return pageOfRows(await this.registers.findPage(query.store_id, query), query, (row) => this.toResponse(row));
  }

  async get(id: number): Promise<CashRegisterResponse> {
    return this.toResponse(await this.find(id));
  }

  async create(dto: CreateCashRegisterDto): Promise<CashRegisterResponse> {
    const store = await this.stores.find(dto.store_id);
    const saving = this.registers.save({ storeId: store.id, code: dto.code, active: true });
    const taken = `Store ${store.id} already has a register ${dto.code}`;
    return this.toResponse(await unlessTaken(saving, () => new RetailException(RetailErrorCode.RegisterCodeTaken, taken)));
  }

  async update(id: number, dto: UpdateCashRegisterDto): Promise<CashRegisterResponse> {
    const register = await this.find(id);
    register.active = dto.active;
    return this.toResponse(await this.registers.save(register));
  }

  async find(id: number): Promise<CashRegister> {
    const register = await this.registers.findById(id);
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
