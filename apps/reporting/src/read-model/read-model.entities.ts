import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Where a sale happened: at a store's till, or in the online shop (a confirmed order). */
export const CHANNELS = ['in_store', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The catalogue as inventory last published it (`inventory.product.upserted`). */
@Entity('products')
export class ReportProduct {
  @PrimaryColumn({ type: 'int' }) productId!: number;
  @Column({ type: 'varchar', length: 64 }) sku!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Index()
  @Column({ type: 'int', nullable: true })
  categoryId!: number | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) categoryName!: string | null;
  /** The current selling price: stock is valued at it (the catalogue has no cost price). */
  @Column({ type: 'numeric', precision: 12, scale: 2 }) price!: string;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'timestamptz' }) sourceUpdatedAt!: Date;
}

/**
 * Inventory's locations (`inventory.location.upserted`). A stock event may name a location before its
 * own event arrives: it is then known by id only (`code` null) until that event fills it in.
 */
@Entity('locations')
export class ReportLocation {
  @PrimaryColumn({ type: 'int' }) locationId!: number;
  @Column({ type: 'varchar', length: 30, nullable: true }) code!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) name!: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) type!: 'STORE' | 'WAREHOUSE' | null;
  /** When the event this row holds happened: an older event never overwrites a newer one. */
  @Column({ type: 'timestamptz' }) sourceAt!: Date;
}

/** Retail's stores (`retail.store.upserted`); a sale may name a store first, as for locations. */
@Entity('stores')
export class ReportStore {
  @PrimaryColumn({ type: 'int' }) storeId!: number;
  @Column({ type: 'varchar', length: 30, nullable: true }) code!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) name!: string | null;
  @Column({ type: 'int' }) locationId!: number;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'timestamptz' }) sourceAt!: Date;
}

/** A stock level as its newest event left it (`inventory.stock.changed`; the highest version wins). */
@Entity('stock_levels')
class ReportStockLevel {
  @PrimaryColumn({ type: 'int' }) productId!: number;
  @Index()
  @PrimaryColumn({ type: 'int' })
  locationId!: number;
  @Column({ type: 'int' }) onHand!: number;
  @Column({ type: 'int' }) reserved!: number;
  @Column({ type: 'int' }) reorderLevel!: number;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'timestamptz' }) changedAt!: Date;
}

/** Restock requests (`inventory.restock.upserted`): a decided request never goes back to PENDING. */
@Entity('restock_requests')
@Index('restock_requests_open', ['requestedAt'], { where: `"status" = 'PENDING'` })
class ReportRestockRequest {
  @PrimaryColumn({ type: 'int' }) restockRequestId!: number;
  @Column({ type: 'int' }) productId!: number;
  @Column({ type: 'int' }) locationId!: number;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ type: 'varchar', length: 16 }) status!: 'PENDING' | 'APPROVED' | 'REJECTED';
  @Column({ type: 'timestamptz' }) requestedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
}

/** What a sale and a return have in common: their id in the source, where and when. */
abstract class Fact {
  @PrimaryColumn({ type: 'varchar', length: 8 }) channel!: Channel;
  /** The id in the source: a sale or return id in retail, an order id in ecommerce. */
  @PrimaryColumn({ type: 'int' }) sourceId!: number;
  /** Null online. */
  @Column({ type: 'int', nullable: true }) storeId!: number | null;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  /** The UTC day of `occurredAt`: reports are by UTC day. */
  @Column({ type: 'date' }) day!: string;
}

/** One product of a sale or a return, with its fact's where and when, so that reports need no join. */
abstract class FactLine {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'varchar', length: 8 }) channel!: Channel;
  @Column({ type: 'int' }) sourceId!: number;
  @Column({ type: 'int', nullable: true }) storeId!: number | null;
  @Column({ type: 'date' }) day!: string;
  /** For "so far today" comparisons. */
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'int' }) productId!: number;
  @Column({ type: 'int' }) quantity!: number;
}

/** One sale: a till sale (`retail.sale.recorded`) or a confirmed online order (`ecommerce.order.confirmed`). */
@Entity('sales')
@Index('sales_day', ['day'])
class SaleFact extends Fact {
  @Column({ type: 'numeric', precision: 14, scale: 2 }) total!: string;
  @Column({ type: 'int' }) units!: number;
}

@Entity('sale_lines')
@Index('sale_lines_day_store', ['day', 'storeId'])
class SaleLineFact extends FactLine {
  @Column({ type: 'numeric', precision: 12, scale: 2 }) unitPrice!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) lineTotal!: string;
}

/** Money given back (`retail.sale.returned`), counted on the day of the return, not of the sale. */
@Entity('returns')
@Index('returns_day', ['day'])
class ReturnFact extends Fact {
  @Column({ type: 'int' }) saleId!: number;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) totalRefund!: string;
  @Column({ type: 'int' }) units!: number;
}

@Entity('return_lines')
@Index('return_lines_day_store', ['day', 'storeId'])
class ReturnLineFact extends FactLine {
  @Column({ type: 'numeric', precision: 14, scale: 2 }) refund!: string;
}

/** Running totals per channel since the first event, for the business metrics. */
@Entity('channel_totals')
class ChannelTotals {
  @PrimaryColumn({ type: 'varchar', length: 8 }) channel!: Channel;
  @Column({ type: 'bigint' }) orders!: string;
  @Column({ type: 'bigint' }) unitsSold!: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) grossRevenue!: string;
}

export const READ_MODEL_ENTITIES = [
  ReportProduct,
  ReportLocation,
  ReportStore,
  ReportStockLevel,
  ReportRestockRequest,
  SaleFact,
  SaleLineFact,
  ReturnFact,
  ReturnLineFact,
  ChannelTotals,
];

/** What a rebuild wipes: everything but the event log (and the inbox's record of applied events). */
export const READ_MODEL_TABLES = [
  'products',
  'locations',
  'stores',
  'stock_levels',
  'restock_requests',
  'sales',
  'sale_lines',
  'returns',
  'return_lines',
  'channel_totals',
];
