import { DEMO_CATEGORIES, DEMO_LOCATIONS, DEMO_PRODUCTS, DEMO_SUPPLIERS } from '@app/catalogue';
import { isLowStock } from '@app/contracts';
import { recordEvent } from '@app/events';
import { DataSource } from 'typeorm';
import { Category } from '../categories/category.entity';
import { locationUpsertedV1 } from '../locations/location-events';
import { Location, LocationType } from '../locations/location.entity';
import { productUpsertedV1 } from '../products/product-events';
import { Product } from '../products/product.entity';
import { restockUpsertedV1 } from '../restock-requests/restock-events';
import { RestockRequest, RestockStatus } from '../restock-requests/restock-request.entity';
import { stockChangedV1 } from '../stock/stock-events';
import { StockLevel } from '../stock/stock-level.entity';
import { StockRepository } from '../stock/stock.repository';
import { Supplier } from '../suppliers/supplier.entity';

/** Low store levels that have a restock request waiting for a decision. */
const DEMO_RESTOCK_REQUESTS = 4;

/**
 * Demo catalogue, locations, stock and a few pending restock requests, each published as events
 * (reporting builds its read model from them). Deterministic, so the seed document's examples
 * (products 1 and 5 in stock at the warehouse) always hold. Does nothing if products exist.
 */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    if ((await manager.getRepository(Product).count()) > 0) return;
    const categories = await manager.getRepository(Category).save(DEMO_CATEGORIES.map((name) => ({ name, description: null })));
    const suppliers = await manager.getRepository(Supplier).save(DEMO_SUPPLIERS);
    const locations = await manager.getRepository(Location).save(
      DEMO_LOCATIONS.map((location) => ({
        ...location,
        type: location.type === 'WAREHOUSE' ? LocationType.Warehouse : LocationType.Store,
      })),
    );
    const products = await manager.getRepository(Product).save(
      DEMO_PRODUCTS.map(([sku, name, category, supplier, price]) => ({
        sku,
        name,
        description: null,
        categoryId: categories[category].id,
        supplierId: suppliers[supplier].id,
        price,
        active: true,
      })),
    );
    const levels = products.flatMap((product, p) =>
      locations.map((location, l) => ({
        productId: product.id,
        locationId: location.id,
        // The warehouse holds hundreds; stores a few dozen, with a couple of low-stock lines.
        onHand: location.type === LocationType.Warehouse ? 200 + ((p * 37) % 300) : (p * 7 + l * 11) % 60,
        reserved: 0,
        reorderLevel: location.type === LocationType.Warehouse ? 50 : 10,
        version: 0,
      })),
    );
    await manager.getRepository(StockLevel).insert(levels);
    for (const location of locations) {
      await recordEvent(manager, 'inventory', 'inventory.location.upserted', locationUpsertedV1(location));
    }
    for (const product of products) {
      const category = categories.find(({ id }) => id === product.categoryId);
      await recordEvent(manager, 'inventory', 'inventory.product.upserted', productUpsertedV1(product, category?.name ?? null));
    }
    for (const location of locations) {
      const here = levels.filter((level) => level.locationId === location.id);
      await recordEvent(
        manager,
        'inventory',
        'inventory.stock.changed',
        stockChangedV1(
          'ADJUSTMENT',
          here.map((level) => StockRepository.levelV1(level)),
        ),
      );
    }
    const low = levels.filter((level) => level.reorderLevel === 10 && isLowStock(level));
    const requests = await manager.getRepository(RestockRequest).save(
      low.slice(0, DEMO_RESTOCK_REQUESTS).map((level) => ({
        productId: level.productId,
        locationId: level.locationId,
        quantity: 3 * level.reorderLevel - level.onHand,
        status: RestockStatus.Pending,
        note: 'Below its reorder level',
        decisionNote: null,
        sourceLocationId: null,
        decidedAt: null,
      })),
    );
    for (const request of requests) {
      await recordEvent(manager, 'inventory', 'inventory.restock.upserted', restockUpsertedV1(request));
    }
  });
}
