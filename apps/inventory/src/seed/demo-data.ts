import { DEMO_CATEGORIES, DEMO_LOCATIONS, DEMO_PRODUCTS, DEMO_SUPPLIERS } from '@app/catalogue';
import { recordEvent } from '@app/events';
import { DataSource } from 'typeorm';
import { Category } from '../categories/category.entity';
import { Location, LocationType } from '../locations/location.entity';
import { productUpserted } from '../products/product-events';
import { Product } from '../products/product.entity';
import { StockLevel } from '../stock/stock-level.entity';
import { Supplier } from '../suppliers/supplier.entity';

/**
 * Demo catalogue, locations and stock. Deterministic, so the seed document's examples
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
      })),
    );
    await manager.getRepository(StockLevel).insert(levels);
    for (const product of products) {
      await recordEvent(manager, 'inventory', 'inventory.product.upserted', await productUpserted(manager, product));
    }
  });
}
