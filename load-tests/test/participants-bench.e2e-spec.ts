import { TestApp, createTestApp } from '@app/testing';
import { execFile } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ecommerceService } from '../../apps/ecommerce/src/ecommerce.service';
import { seedDemoData as seedEcommerce } from '../../apps/ecommerce/src/seed/demo-data';
import { inventoryService } from '../../apps/inventory/src/inventory.service';
import { seedDemoData as seedInventory } from '../../apps/inventory/src/seed/demo-data';

const BENCH = resolve(__dirname, '../participants-bench.mjs');

/**
 * The participants-alone bound is only a bound if each of its sagas does a successful saga's whole work: the real
 * inventory and ecommerce, reached over their real TCP transport, must reserve, place, charge, commit and confirm.
 */
describe('participants-bench (the saga commands without an orchestrator)', () => {
  let inventory: TestApp;
  let ecommerce: TestApp;

  beforeAll(async () => {
    inventory = await createTestApp(inventoryService, { listen: true });
    ecommerce = await createTestApp(ecommerceService, { listen: true });
    await seedInventory(inventory.dataSource);
    await seedEcommerce(ecommerce.dataSource);
    await inventory.app.listen(0, '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await Promise.all([inventory?.close(), ecommerce?.close()]);
  });

  it('runs every saga to the end through the real participants, and each one acts once', async () => {
    const before = { units: await warehouseUnits(), effects: await effects() };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        BENCH,
        ...['--sagas', '12', '--concurrency', '3'],
        ...['--inventory', `http://127.0.0.1:${(inventory.app.getHttpServer().address() as AddressInfo).port}`],
        ...['--inventory-tcp', `127.0.0.1:${inventory.config.tcpPort}`],
        ...['--ecommerce-tcp', `127.0.0.1:${ecommerce.config.tcpPort}`],
        ...['--database-url', inventory.database.url],
      ],
      { cwd: resolve(__dirname, '../..'), timeout: 60_000 },
    );

    expect(stdout).toContain('{"COMPLETED":12}');
    expect(stdout).toMatch(/CPU ms per completed saga: \{"postgres":[\d.]+,/);
    // 12 warm-up sagas and 12 measured ones: each confirmed, charged and shipped, its reservation committed and its
    // unit taken off the shelf (the demo data has orders of its own: what is counted is what the bench added).
    const after = await effects();
    expect(after.confirmedShipped - before.effects.confirmedShipped).toBe(24);
    expect(after.orders - before.effects.orders).toBe(24);
    expect(after.committed - before.effects.committed).toBe(24);
    expect(after.reservations - before.effects.reservations).toBe(24);
    // The bench first sets each product's level to the same figure, so only the levels after can be compared.
    const units = await warehouseUnits();
    expect(units.onHand).toBe(units.toppedUp - 24);
    expect(units.reserved).toBe(before.units.reserved);
  }, 90_000);

  async function effects(): Promise<{ orders: number; confirmedShipped: number; reservations: number; committed: number }> {
    const [orders] = await ecommerce.dataSource.query<Array<{ orders: number; confirmed_shipped: number }>>(
      `SELECT count(*)::int AS orders,
              count(*) FILTER (WHERE o.status = 'CONFIRMED' AND p.status = 'COMPLETED' AND s.id IS NOT NULL)::int AS confirmed_shipped
         FROM orders o LEFT JOIN payments p ON p.order_id = o.id LEFT JOIN shipments s ON s.order_id = o.id`,
    );
    const [reservations] = await inventory.dataSource.query<Array<{ reservations: number; committed: number }>>(
      `SELECT count(*)::int AS reservations, count(*) FILTER (WHERE status = 'COMMITTED')::int AS committed FROM reservations`,
    );
    return { ...orders, confirmedShipped: orders.confirmed_shipped, ...reservations };
  }

  async function warehouseUnits(): Promise<{ onHand: number; reserved: number; toppedUp: number }> {
    const [row] = await inventory.dataSource.query<Array<{ on_hand: number; reserved: number; products: number }>>(
      `SELECT sum(on_hand)::int AS on_hand, sum(reserved)::int AS reserved, count(*)::int AS products
         FROM stock_levels WHERE location_id = 1 AND product_id <= 30`,
    );
    return { onHand: row.on_hand, reserved: row.reserved, toppedUp: row.products * 1_000_000 };
  }
});
