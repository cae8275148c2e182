import { Page, isLowStock, pageOfRows } from '@app/contracts';
import { RequestValidationException } from '@app/bootstrap';
import { UnitOfWork } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InventoryErrorCode, InventoryException } from '../inventory.exception';
import { LocationsService } from '../locations/locations.service';
import { ProductsRepository } from '../products/products.repository';
import { StockEvents } from './stock-events';
import { StockLevel } from './stock-level.entity';
import { LowStockQuery, ProductStockResponse, StockLevelResponse, StockQuery, UpdateStockDto } from './stock.dto';
import { StockRepository } from './stock.repository';

@Injectable()
export class StockService {
  constructor(
    private readonly stock: StockRepository,
    private readonly products: ProductsRepository,
    private readonly locations: LocationsService,
    private readonly events: StockEvents,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: StockQuery): Promise<Page<StockLevelResponse>> {
    return pageOfRows(
      await this.stock.findPage({
        productId: query.product_id,
        productIds: query.product_ids,
        locationId: query.location_id,
        lowOnly: query.low_stock,
        limit: query.limit,
        offset: query.offset,
      }),
      query,
      (row) => StockService.toResponse(row),
    );
  }

  lowStock(query: LowStockQuery): Promise<Page<StockLevelResponse>> {
    return this.list({ ...query, low_stock: true });
  }

  async forProduct(productId: number): Promise<ProductStockResponse> {
    await this.requireProduct(productId);
    const [levels] = await this.stock.findPage({ productId, limit: 1000, offset: 0 });
    const locations = levels.map((level) => StockService.toResponse(level));
    const sum = (pick: (level: StockLevelResponse) => number) => locations.reduce((total, level) => total + pick(level), 0);
    return {
      product_id: productId,
      on_hand: sum((level) => level.on_hand),
      reserved: sum((level) => level.reserved),
      available: sum((level) => level.available),
      locations,
    };
  }

  async update(productId: number, dto: UpdateStockDto): Promise<StockLevelResponse> {
    if (dto.quantity !== undefined && dto.adjustment !== undefined) {
      throw new RequestValidationException([{ field: 'adjustment', problems: ['give either quantity or adjustment, not both'] }]);
    }
    if (dto.quantity === undefined && dto.adjustment === undefined && dto.reorder_level === undefined) {
      throw new RequestValidationException([
        { field: 'quantity', problems: ['one of quantity, adjustment or reorder_level is required'] },
      ]);
    }
    await this.requireProduct(productId);
    const location =
      dto.location_id === undefined ? await this.locations.warehouse() : await this.locations.find(dto.location_id);
    const level = await this.unitOfWork.run(async (tx) => {
      const current = await this.stock.lock(tx, productId, location.id);
      const onHand = dto.quantity ?? current.onHand + (dto.adjustment ?? 0);
      if (onHand < current.reserved) {
        throw new InventoryException(
          InventoryErrorCode.StockBelowReserved,
          `On hand cannot go to ${onHand}: ${current.reserved} units are reserved`,
        );
      }
      current.onHand = onHand;
      current.reorderLevel = dto.reorder_level ?? current.reorderLevel;
      const saved = await this.stock.save(tx, current);
      await this.events.record(tx, 'ADJUSTMENT', [StockRepository.levelV1(saved)]);
      return saved;
    });
    return StockService.toResponse(level);
  }

  private async requireProduct(productId: number): Promise<void> {
    if (!(await this.products.findById(productId))) {
      throw InventoryException.notFound(InventoryErrorCode.ProductNotFound, 'Product', productId);
    }
  }

  static toResponse(level: StockLevel): StockLevelResponse {
    const available = level.onHand - level.reserved;
    return {
      product_id: level.productId,
      location_id: level.locationId,
      on_hand: level.onHand,
      reserved: level.reserved,
      available,
      reorder_level: level.reorderLevel,
      low_stock: isLowStock(level),
      updated_at: level.updatedAt.toISOString(),
    };
  }
}
