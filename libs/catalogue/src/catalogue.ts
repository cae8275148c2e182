import { EventEnvelope, cents, money } from '@app/contracts';
import { EventInbox } from '@app/events';
import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CatalogueProduct } from './catalogue-product.entity';

export type PricedLine = { product_id: number; quantity: number };

export type PricingResult =
  | { ok: true; lines: Array<{ product_id: number; quantity: number; unit_price: string; line_total: string }>; total: string }
  | { ok: false; reason: 'UNKNOWN_PRODUCT' | 'INACTIVE_PRODUCT'; product_id: number };

@Injectable()
export class CatalogueService implements OnModuleInit {
  constructor(
    private readonly inbox: EventInbox,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.inbox.on('inventory.product.upserted', (manager, event) => this.apply(manager, event));
  }

  /** Prices lines from the local copy; the first unknown or inactive product refuses the lot. */
  async price(lines: PricedLine[], manager: EntityManager = this.dataSource.manager): Promise<PricingResult> {
    const products = await manager
      .getRepository(CatalogueProduct)
      .findBy({ productId: In(lines.map((line) => line.product_id)) });
    const byId = new Map(products.map((product) => [product.productId, product]));
    const priced = [];
    let total = 0n;
    for (const line of lines) {
      const product = byId.get(line.product_id);
      if (!product) return { ok: false, reason: 'UNKNOWN_PRODUCT', product_id: line.product_id };
      if (!product.active) return { ok: false, reason: 'INACTIVE_PRODUCT', product_id: line.product_id };
      const lineTotal = cents(product.price) * BigInt(line.quantity);
      total += lineTotal;
      priced.push({
        product_id: line.product_id,
        quantity: line.quantity,
        unit_price: product.price,
        line_total: money(lineTotal),
      });
    }
    return { ok: true, lines: priced, total: money(total) };
  }

  async findAll(): Promise<CatalogueProduct[]> {
    return this.dataSource.getRepository(CatalogueProduct).find({ order: { productId: 'ASC' } });
  }

  async apply(manager: EntityManager, event: EventEnvelope<'inventory.product.upserted'>): Promise<void> {
    const p = event.payload;
    // Upsert unless what we hold is newer (events of one product may arrive out of order).
    await manager.query(
      `INSERT INTO catalogue_products (product_id, sku, name, category_id, category_name, price, active, source_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (product_id) DO UPDATE SET sku = $2, name = $3, category_id = $4, category_name = $5, price = $6,
         active = $7, source_updated_at = $8
       WHERE catalogue_products.source_updated_at <= $8`,
      [p.product_id, p.sku, p.name, p.category_id, p.category_name, p.price, p.active, p.updated_at],
    );
  }
}

/** Keeps the local catalogue copy in step with inventory's product events (needs EventsModule). */
@Global()
@Module({ providers: [CatalogueService], exports: [CatalogueService] })
export class CatalogueModule {}
