import { CatalogueService, PricingResult } from '@app/catalogue';
import { Page, pageOfRows, mergeLines } from '@app/contracts';
import { Outbox } from '@app/events';
import { UnitOfWork } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { CashRegister } from '../cash-registers/cash-register.entity';
import { CashRegistersService } from '../cash-registers/cash-registers.service';
import { saleRecordedV1 } from '../retail.events';
import { RetailErrorCode, RetailException } from '../retail.exception';
import { ReturnsService } from '../returns/returns.service';
import { Store } from '../stores/store.entity';
import { StoresService } from '../stores/stores.service';
import { periodEnd, periodStart } from './sale-period';
import { Sale, SaleLine } from './sale.entity';
import { CreateSaleDto, SaleDetailResponse, SaleLineResponse, SaleQuery, SaleResponse } from './sales.dto';
import { SalesRepository } from './sales.repository';

@Injectable()
export class SalesService {
  constructor(
    private readonly sales: SalesRepository,
    private readonly stores: StoresService,
    private readonly registers: CashRegistersService,
    private readonly catalogue: CatalogueService,
    private readonly outbox: Outbox,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: SaleQuery): Promise<Page<SaleResponse>> {
    return pageOfRows(
      await this.sales.findPage({
        storeId: query.store_id,
        from: query.from === undefined ? undefined : periodStart(query.from),
        before: query.to === undefined ? undefined : periodEnd(query.to),
        limit: query.limit,
        offset: query.offset,
      }),
      query,
      (row) => this.toResponse(row),
    );
  }

  async get(id: number): Promise<SaleDetailResponse> {
    const sale = await this.sales.findById(id);
    if (!sale) throw RetailException.notFound(RetailErrorCode.SaleNotFound, 'Sale', id);
    const returns = await this.sales.returnsOf(id);
    return {
      ...this.toResponse(sale),
      lines: sale.lines.map((line) => ({ ...this.lineResponse(line), returned_quantity: line.returnedQuantity })),
      returns: returns.map((saleReturn) => ReturnsService.toResponse(saleReturn)),
    };
  }

  /**
   * Recorded here alone, even while inventory is down: inventory takes the units out of the
   * store's stock when the event, committed with the sale, reaches it.
   */
  async record(dto: CreateSaleDto): Promise<SaleResponse> {
    const store = await this.stores.find(dto.store_id);
    const register = await this.registers.find(dto.register_id);
    this.checkCanSell(store, register);
    const priced = await this.catalogue.price(mergeLines(dto.lines));
    if (!priced.ok) throw this.unsellable(priced);
    const sale = await this.unitOfWork.run(async (tx) => {
      const saved = await this.sales.save(tx, {
        storeId: store.id,
        registerId: register.id,
        total: priced.total,
        soldAt: new Date(),
        lines: priced.lines.map((line) => ({
          productId: line.product_id,
          quantity: line.quantity,
          unitPrice: line.unit_price,
          lineTotal: line.line_total,
        })),
      });
      await this.outbox.record(tx, 'retail.sale.recorded', saleRecordedV1(saved, store, false));
      return saved;
    });
    return this.toResponse(sale);
  }

  private checkCanSell(store: Store, register: CashRegister): void {
    if (register.storeId !== store.id) {
      throw new RetailException(
        RetailErrorCode.RegisterNotInStore,
        `Cash register ${register.id} does not belong to store ${store.id}`,
      );
    }
    if (!store.active) throw new RetailException(RetailErrorCode.StoreInactive, `Store ${store.id} is inactive`);
    if (!register.active) throw new RetailException(RetailErrorCode.RegisterInactive, `Cash register ${register.id} is inactive`);
  }

  private unsellable(refusal: Extract<PricingResult, { ok: false }>): RetailException {
    switch (refusal.reason) {
      case 'UNKNOWN_PRODUCT':
        return new RetailException(RetailErrorCode.UnknownProduct, `Product ${refusal.product_id} is not in the catalogue`);
      case 'INACTIVE_PRODUCT':
        return new RetailException(RetailErrorCode.InactiveProduct, `Product ${refusal.product_id} is no longer sold`);
    }
  }

  private toResponse(sale: Sale): SaleResponse {
    return {
      id: sale.id,
      store_id: sale.storeId,
      register_id: sale.registerId,
      lines: sale.lines.map((line) => this.lineResponse(line)),
      total: sale.total,
      sold_at: sale.soldAt.toISOString(),
    };
  }

  private lineResponse(line: SaleLine): SaleLineResponse {
    return { product_id: line.productId, quantity: line.quantity, unit_price: line.unitPrice, line_total: line.lineTotal };
  }
}
