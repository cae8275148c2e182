import { DEMO_LOCATIONS, DEMO_PRODUCTS, seedCatalogueCopy } from '@app/catalogue';
import { cents, money } from '@app/contracts';
import { recordEvent } from '@app/events';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { CashRegister } from '../cash-registers/cash-register.entity';
import { saleRecordedV1, saleReturnedV1, storeUpsertedV1 } from '../retail.events';
import { SaleReturn, SaleReturnLine } from '../returns/sale-return.entity';
import { Sale, SaleLine } from '../sales/sale.entity';
import { Store } from '../stores/store.entity';

const HISTORY_DAYS = 30;
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const OPENING_HOUR_UTC = 8;
const OPEN_HOURS = 12;
const RETURN_RATE = 0.03;
const RETURN_REASONS = ['Damaged packaging', 'Changed mind', 'Past its date'];
/** Rows per INSERT: well under PostgreSQL's 65,535 parameters per statement. */
const INSERT_CHUNK = 1000;

type Random = () => number;

/** Mulberry32: a small seeded generator, so every fresh database gets the same history. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/**
 * Demo stores, registers, catalogue copy and about 30 days of sales ending `now`. The history's
 * events are marked `imported`: inventory's demo stock figures already reflect them. Does nothing
 * if stores exist.
 */
export async function seedDemoData(dataSource: DataSource, now = new Date()): Promise<void> {
  await dataSource.transaction(async (manager) => {
    if ((await manager.getRepository(Store).count()) > 0) return;
    await seedCatalogueCopy(manager);
    const { stores, registers } = await seedStores(manager);
    const random = seededRandom(20_240_501);
    const sales = salesHistory(manager, stores, registers, random, now);
    const returns = returnsOf(manager, sales, random, now);
    await saveHistory(manager, sales, returns);
    await recordEvents(
      manager,
      stores,
      sales,
      returns.map(([, saleReturn]) => saleReturn),
    );
  });
}

async function seedStores(manager: EntityManager): Promise<{ stores: Store[]; registers: CashRegister[] }> {
  const stores = await manager.getRepository(Store).save(
    DEMO_LOCATIONS.flatMap(({ code, name, type, address }, index) =>
      // Inventory's demo locations are numbered in list order.
      type === 'STORE' ? [{ code, name, address, locationId: index + 1, active: true }] : [],
    ),
  );
  const registers = await manager
    .getRepository(CashRegister)
    .save(
      stores.flatMap((store, s) =>
        Array.from({ length: 2 + (s % 2) }, (_, r) => ({ storeId: store.id, code: `POS-${r + 1}`, active: true })),
      ),
    );
  return { stores, registers };
}

/** 5-15 sales per store and opening day, in time order so that ids follow time; none later than `now`. */
function salesHistory(manager: EntityManager, stores: Store[], registers: CashRegister[], random: Random, now: Date): Sale[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sales: Sale[] = [];
  for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
    const opening = today - daysAgo * DAY_MS + OPENING_HOUR_UTC * HOUR_MS;
    for (const store of stores) {
      const tills = registers.filter((register) => register.storeId === store.id);
      for (let count = between(random, 5, 15); count > 0; count--) {
        const soldAt = new Date(opening + Math.floor(random() * OPEN_HOURS * HOUR_MS));
        sales.push(sale(manager, store, pick(random, tills), soldAt, random));
      }
    }
  }
  return sales.filter((sale) => sale.soldAt <= now).sort((a, b) => a.soldAt.getTime() - b.soldAt.getTime());
}

function sale(manager: EntityManager, store: Store, register: CashRegister, soldAt: Date, random: Random): Sale {
  const lineCount = between(random, 1, 4);
  const productIndexes = new Set<number>();
  while (productIndexes.size < lineCount) productIndexes.add(Math.floor(random() * DEMO_PRODUCTS.length));
  const lines = [...productIndexes].map((index) => {
    const unitPrice = DEMO_PRODUCTS[index][4];
    const quantity = between(random, 1, 3);
    return manager.getRepository(SaleLine).create({
      productId: index + 1,
      quantity,
      returnedQuantity: 0,
      unitPrice,
      lineTotal: money(cents(unitPrice) * BigInt(quantity)),
    });
  });
  const total = money(lines.reduce((sum, line) => sum + cents(line.lineTotal), 0n));
  return manager.getRepository(Sale).create({ storeId: store.id, registerId: register.id, total, soldAt, lines });
}

/** A few sales get part of one line brought back within three days, never later than `now`; in time order. */
function returnsOf(manager: EntityManager, sales: Sale[], random: Random, now: Date): Array<[Sale, SaleReturn]> {
  const returns: Array<[Sale, SaleReturn]> = [];
  for (const sold of sales) {
    if (random() >= RETURN_RATE) continue;
    const line = pick(random, sold.lines);
    const quantity = between(random, 1, line.quantity);
    const returnedAt = new Date(sold.soldAt.getTime() + between(random, 1, 72) * HOUR_MS);
    const reason = pick(random, RETURN_REASONS);
    if (returnedAt > now) continue;
    line.returnedQuantity += quantity;
    const refund = money(cents(line.unitPrice) * BigInt(quantity));
    const saleReturn = manager.getRepository(SaleReturn).create({
      storeId: sold.storeId,
      totalRefund: refund,
      reason,
      returnedAt,
      lines: [{ productId: line.productId, quantity, refund }],
    });
    returns.push([sold, saleReturn]);
  }
  return returns.sort(([, a], [, b]) => a.returnedAt.getTime() - b.returnedAt.getTime());
}

/** Each kind in bulk, once the ids its rows point to are known. */
async function saveHistory(manager: EntityManager, sales: Sale[], returns: Array<[Sale, SaleReturn]>): Promise<void> {
  await insertAll(manager, Sale, sales);
  await insertAll(
    manager,
    SaleLine,
    sales.flatMap((sale) => sale.lines.map((line) => Object.assign(line, { saleId: sale.id }))),
  );
  const saleReturns = returns.map(([sale, saleReturn]) => Object.assign(saleReturn, { saleId: sale.id }));
  await insertAll(manager, SaleReturn, saleReturns);
  await insertAll(
    manager,
    SaleReturnLine,
    saleReturns.flatMap((saleReturn) => saleReturn.lines.map((line) => Object.assign(line, { returnId: saleReturn.id }))),
  );
}

/** TypeORM writes each generated id back into its entity. */
async function insertAll<Entity extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<Entity>,
  rows: Entity[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await manager.getRepository(target).insert(rows.slice(start, start + INSERT_CHUNK));
  }
}

/** The stores, then in time order per kind, sales first, so that a consumer never sees a return before its sale. */
async function recordEvents(manager: EntityManager, stores: Store[], sales: Sale[], returns: SaleReturn[]): Promise<void> {
  const storeById = new Map(stores.map((store) => [store.id, store]));
  // Every sale and return was made above at one of `stores`.
  const storeOf = (storeId: number) => storeById.get(storeId) as Store;
  for (const store of stores) await recordEvent(manager, 'retail', 'retail.store.upserted', storeUpsertedV1(store));
  for (const sold of sales) {
    const payload = saleRecordedV1(sold, storeOf(sold.storeId), true);
    await recordEvent(manager, 'retail', 'retail.sale.recorded', payload, { occurredAt: sold.soldAt });
  }
  for (const saleReturn of returns) {
    const payload = saleReturnedV1(saleReturn, storeOf(saleReturn.storeId), true);
    await recordEvent(manager, 'retail', 'retail.sale.returned', payload, { occurredAt: saleReturn.returnedAt });
  }
}
