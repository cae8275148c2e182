import { TestApp, createTestApp } from '@app/testing';
import { InventoryErrorCode, InventoryException } from '../src/inventory.exception';
import { inventoryService } from '../src/inventory.service';
import { UpdateStockDto } from '../src/stock/stock.dto';
import { StockService } from '../src/stock/stock.service';
import { eventsRecordedBy, givenCatalogue, givenStock, stockOf } from './fixtures';

describe(StockService.name, () => {
  let t: TestApp;
  let service: StockService;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    service = t.app.get(StockService);
    catalogue = await givenCatalogue(t.dataSource, 3);
  });

  afterAll(() => t.close());

  const product = (n: number) => catalogue.products[n].id;
  const warehouse = () => catalogue.warehouse.id;

  describe('update', () => {
    it('adjusts the level and records its new state in one stock event', async () => {
      await givenStock(t.dataSource, product(0), warehouse(), 10, 2);
      const events = await eventsRecordedBy(t.dataSource, async () => {
        expect(await service.update(product(0), { adjustment: -3 })).toMatchObject({ on_hand: 7, available: 5, low_stock: true });
      });
      expect(await stockOf(t.dataSource, product(0), warehouse())).toMatchObject({ onHand: 7, reserved: 2, version: 1 });
      expect(events).toEqual([
        {
          type: 'inventory.stock.changed',
          payload: {
            reason: 'ADJUSTMENT',
            levels: [{ product_id: product(0), location_id: warehouse(), on_hand: 7, reserved: 2, reorder_level: 5, version: 1 }],
            changed_at: expect.any(String),
          },
        },
      ]);
    });

    it.each<[string, () => [number, UpdateStockDto], InventoryErrorCode]>([
      ['below the reserved units', () => [product(0), { quantity: 1 }], InventoryErrorCode.StockBelowReserved],
      ['an unknown product', () => [999_999, { quantity: 1 }], InventoryErrorCode.ProductNotFound],
      ['an unknown location', () => [product(0), { quantity: 1, location_id: 999_999 }], InventoryErrorCode.LocationNotFound],
    ])('refuses %s with a domain exception, changing and recording nothing', async (_, args, code) => {
      const [productId, dto] = args();
      const before = await stockOf(t.dataSource, product(0), warehouse());
      const events = await eventsRecordedBy(t.dataSource, async () => {
        const refusal = service.update(productId, dto);
        await expect(refusal).rejects.toBeInstanceOf(InventoryException);
        await expect(refusal).rejects.toMatchObject({ code });
      });
      expect(events).toEqual([]);
      expect(await stockOf(t.dataSource, product(0), warehouse())).toEqual(before);
    });

    it('counts concurrent adjustments exactly, each with its own version and event', async () => {
      const events = await eventsRecordedBy(t.dataSource, () =>
        Promise.all(Array.from({ length: 10 }, () => service.update(product(1), { adjustment: 2 }))),
      );
      expect(await stockOf(t.dataSource, product(1), warehouse())).toMatchObject({ onHand: 20, version: 10 });
      const versions = events.map((event) => (event.payload.levels as Array<{ version: number }>)[0].version);
      expect(versions.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });
  });
});
