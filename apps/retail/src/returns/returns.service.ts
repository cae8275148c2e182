import { RequestValidationException } from '@app/bootstrap';
import { FieldError, Page, cents, money, pageOfRows } from '@app/contracts';
import { Outbox } from '@app/events';
import { UnitOfWork } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { saleReturnedV1 } from '../retail.events';
import { RetailErrorCode, RetailException } from '../retail.exception';
import { Sale, SaleLine } from '../sales/sale.entity';
import { SalesRepository } from '../sales/sales.repository';
import { StoresService } from '../stores/stores.service';
import { CreateReturnDto, ReturnLineDto, ReturnQuery, ReturnResponse } from './returns.dto';
import { ReturnsRepository } from './returns.repository';
import { SaleReturn } from './sale-return.entity';

@Injectable()
export class ReturnsService {
  constructor(
    private readonly returns: ReturnsRepository,
    private readonly sales: SalesRepository,
    private readonly stores: StoresService,
    private readonly outbox: Outbox,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: ReturnQuery): Promise<Page<ReturnResponse>> {
    return pageOfRows(
      await this.returns.findPage({
        saleId: query.sale_id,
        storeId: query.store_id,
        limit: query.limit,
        offset: query.offset,
      }),
      query,
      (row) => ReturnsService.toResponse(row),
    );
  }

  async get(id: number): Promise<ReturnResponse> {
    const saleReturn = await this.returns.findById(id);
    if (!saleReturn) throw RetailException.notFound(RetailErrorCode.ReturnNotFound, 'Return', id);
    return ReturnsService.toResponse(saleReturn);
  }

  /**
   * The sale stays locked until commit, so concurrent returns of one sale are checked one after
   * the other against what is left: together they never bring back more than was sold.
   */
  async create(dto: CreateReturnDto): Promise<ReturnResponse> {
    const saved = await this.unitOfWork.run(async (tx) => {
      const sale = await this.sales.lockWithLines(tx, dto.sale_id);
      if (!sale) throw RetailException.notFound(RetailErrorCode.SaleNotFound, 'Sale', dto.sale_id);
      const taken = this.takeBack(sale, dto.lines);
      const lines = taken.map(({ sold, quantity }) => {
        sold.returnedQuantity += quantity;
        return { productId: sold.productId, quantity, refund: money(cents(sold.unitPrice) * BigInt(quantity)) };
      });
      await this.sales.saveReturnedQuantities(
        tx,
        taken.map(({ sold }) => sold),
      );
      const saleReturn = await this.returns.save(tx, {
        saleId: sale.id,
        storeId: sale.storeId,
        reason: dto.reason ?? null,
        returnedAt: new Date(),
        totalRefund: money(lines.reduce((total, line) => total + cents(line.refund), 0n)),
        lines,
      });
      const store = await this.stores.find(sale.storeId, tx);
      await this.outbox.record(tx, 'retail.sale.returned', saleReturnedV1(saleReturn, store, false));
      return saleReturn;
    });
    return ReturnsService.toResponse(saved);
  }

  /**
   * The sale lines to take units back from, one per product. Anything not returnable is answered like
   * request validation, naming each line at fault, so the till can correct exactly those lines.
   */
  private takeBack(sale: Sale, lines: ReturnLineDto[]): Array<{ sold: SaleLine; quantity: number }> {
    const soldLines = new Map(sale.lines.map((line) => [line.productId, line]));
    const taken = new Map<number, { sold: SaleLine; quantity: number }>();
    const errors: FieldError[] = [];
    lines.forEach(({ product_id, quantity }, index) => {
      const sold = soldLines.get(product_id);
      if (!sold) {
        errors.push({ field: `lines.${index}.product_id`, problems: [`product ${product_id} is not in sale ${sale.id}`] });
        return;
      }
      const earlier = taken.get(product_id)?.quantity ?? 0;
      const left = Math.max(0, sold.quantity - sold.returnedQuantity - earlier);
      if (quantity > left) {
        errors.push({
          field: `lines.${index}.quantity`,
          problems: [`at most ${left} of product ${product_id} can still be returned`],
        });
      }
      taken.set(product_id, { sold, quantity: earlier + quantity });
    });
    if (errors.length) throw new RequestValidationException(errors);
    return [...taken.values()];
  }

  static toResponse(saleReturn: SaleReturn): ReturnResponse {
    return {
      id: saleReturn.id,
      sale_id: saleReturn.saleId,
      store_id: saleReturn.storeId,
      lines: saleReturn.lines.map((line) => ({ product_id: line.productId, quantity: line.quantity, refund: line.refund })),
      total_refund: saleReturn.totalRefund,
      reason: saleReturn.reason,
      returned_at: saleReturn.returnedAt.toISOString(),
    };
  }
}
