import { EventEnvelope, cents, money } from '@app/contracts';
import { EventInbox } from '@app/events';
import { Transaction } from '@app/persistence';
import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CatalogueProduct } from './catalogue-product.entity';
import { CatalogueRepository } from './catalogue.repository';

export type PricedLine = { product_id: number; quantity: number };

export type PricingResult =
  | { ok: true; lines: Array<{ product_id: number; quantity: number; unit_price: string; line_total: string }>; total: string }
  | { ok: false; reason: 'UNKNOWN_PRODUCT' | 'INACTIVE_PRODUCT'; product_id: number };

@Injectable()
export class CatalogueService implements OnModuleInit {
  constructor(
    private readonly inbox: EventInbox,
    private readonly products: CatalogueRepository,
  ) {}

  onModuleInit(): void {
    this.inbox.on('inventory.product.upserted', (tx, event) => this.apply(tx, event));
  }

  /** Prices lines from the local copy (in `tx` if given); the first unknown or inactive product refuses the lot. */
  async price(lines: PricedLine[], tx?: Transaction): Promise<PricingResult> {
    const products = await this.products.findByIds(
      lines.map((line) => line.product_id),
      tx,
    );
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

  findAll(): Promise<CatalogueProduct[]> {
    return this.products.findAll();
  }

  apply(tx: Transaction, event: EventEnvelope<'inventory.product.upserted'>): Promise<void> {
    return this.products.upsert(tx, event.payload);
  }
}

/** Keeps the local catalogue copy in step with inventory's product events (needs EventsModule). */
@Global()
@Module({ providers: [CatalogueService, CatalogueRepository], exports: [CatalogueService] })
export class CatalogueModule {}
