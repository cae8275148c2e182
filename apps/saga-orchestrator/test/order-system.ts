import { SagaStatus, TERMINAL_SAGA_STATUSES } from '@app/contracts';
import { TestApp, TestDatabase, createTestApp, createTestDatabase, freePort } from '@app/testing';
import request from 'supertest';
import { ecommerceDatabase } from '../../ecommerce/src/ecommerce.database';
import { ecommerceService } from '../../ecommerce/src/ecommerce.service';
import { Payment } from '../../ecommerce/src/payments/payment.entity';
import { BILLING, SHIPPING, givenCatalogue as givenCatalogueCopy, givenCustomer } from '../../ecommerce/test/fixtures';
import { inventoryDatabase } from '../../inventory/src/inventory.database';
import { inventoryService } from '../../inventory/src/inventory.service';
import { givenCatalogue, givenStock, stockOf } from '../../inventory/test/fixtures';
import { sagaOrchestratorDatabase } from '../src/saga-orchestrator.database';
import { sagaOrchestratorService } from '../src/saga-orchestrator.service';

/** Settings that make retries and take-overs quick enough for tests. */
export const FAST_SAGAS = {
  SAGA_BACKOFF_MS: '20',
  SAGA_MAX_BACKOFF_MS: '200',
  SAGA_POLL_INTERVAL_MS: '50',
  SAGA_LEASE_SECONDS: '2',
  SAGA_CALL_TIMEOUT_MS: '1000',
  SAGA_MAX_ATTEMPTS: '4',
};

/**
 * The real participants (inventory, ecommerce) on their own databases and TCP ports, and the
 * orchestrator pointed at them; each can be stopped and started again on the same database and port.
 */
export class OrderSystem {
  inventory?: TestApp;
  ecommerce?: TestApp;
  /** The instance tests talk to; more may run (see startOrchestrator). */
  orchestrator?: TestApp;
  private readonly orchestrators = new Set<TestApp>();
  productIds: number[] = [];
  warehouseId = 0;
  customerId = 0;
  private inventoryDb!: TestDatabase;
  private ecommerceDb!: TestDatabase;
  private orchestratorDb!: TestDatabase;
  private ports = { inventory: 0, ecommerce: 0 };

  static async start(products = 2, orchestratorEnv: Record<string, string> = {}): Promise<OrderSystem> {
    const system = new OrderSystem();
    system.inventoryDb = await createTestDatabase(inventoryDatabase);
    system.ecommerceDb = await createTestDatabase(ecommerceDatabase);
    system.orchestratorDb = await createTestDatabase(sagaOrchestratorDatabase);
    system.ports = { inventory: await freePort(), ecommerce: await freePort() };
    await system.startInventory();
    await system.startEcommerce();
    const catalogue = await givenCatalogue(system.inventory!.dataSource, products);
    system.productIds = catalogue.products.map((product) => product.id);
    system.warehouseId = catalogue.warehouse.id;
    await givenCatalogueCopy(
      system.ecommerce!.dataSource,
      catalogue.products.map(() => ({ price: '9.99' })),
    );
    system.customerId = (await givenCustomer(system.ecommerce!.dataSource)).id;
    await system.startOrchestrator(orchestratorEnv);
    return system;
  }

  async startInventory(): Promise<void> {
    this.inventory = await createTestApp(inventoryService, {
      listen: true,
      database: this.inventoryDb,
      env: { TCP_PORT: String(this.ports.inventory) },
    });
  }

  async stopInventory(): Promise<void> {
    await this.inventory?.close();
    this.inventory = undefined;
  }

  async startEcommerce(env: Record<string, string> = {}): Promise<void> {
    this.ecommerce = await createTestApp(ecommerceService, {
      listen: true,
      database: this.ecommerceDb,
      env: { TCP_PORT: String(this.ports.ecommerce), ...env },
    });
  }

  async stopEcommerce(): Promise<void> {
    await this.ecommerce?.close();
    this.ecommerce = undefined;
  }

  /** One more orchestrator instance, on the shared orchestrator database. */
  async startOrchestrator(env: Record<string, string> = {}): Promise<TestApp> {
    const instance = await createTestApp(sagaOrchestratorService, {
      database: this.orchestratorDb,
      env: {
        ...FAST_SAGAS,
        ...this.participantAddresses,
        ...env,
      },
    });
    this.orchestrator ??= instance;
    this.orchestrators.add(instance);
    return instance;
  }

  /** A query on the orchestrator's database while no instance runs in this process. */
  async orchestratorsDatabaseQuery(sql: string): Promise<Array<{ n: number }>> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: this.orchestratorDb.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  /** Where an orchestrator outside this process (a child process) must connect. */
  get orchestratorDatabaseName(): string {
    return this.orchestratorDb.name;
  }

  get participantAddresses(): Record<string, string> {
    return { INVENTORY_TCP_URL: `127.0.0.1:${this.ports.inventory}`, ECOMMERCE_TCP_URL: `127.0.0.1:${this.ports.ecommerce}` };
  }

  async stopOrchestrator(instance: TestApp): Promise<void> {
    await instance.close();
    this.orchestrators.delete(instance);
    if (this.orchestrator === instance) this.orchestrator = [...this.orchestrators][0];
  }

  async stock(productId = this.productIds[0]) {
    return stockOf(this.inventory!.dataSource, productId, this.warehouseId);
  }

  async givenStock(onHand: number, productId = this.productIds[0]): Promise<void> {
    await givenStock(this.inventory!.dataSource, productId, this.warehouseId, onHand);
  }

  payments(): Promise<Payment[]> {
    return this.ecommerce!.dataSource.getRepository(Payment).find();
  }

  async placeOrder(
    lines: Array<[productId: number, quantity: number]>,
    options: { customerId?: number; paymentMethod?: string; idempotencyKey?: string } = {},
  ): Promise<string> {
    const call = request(this.orchestrator!.http)
      .post(`/api/v1/customers/${options.customerId ?? this.customerId}/order-processing`)
      .send({
        products: lines.map(([product_id, quantity]) => ({ product_id, quantity })),
        shipping_address: SHIPPING,
        billing_address: BILLING,
        payment_method: options.paymentMethod ?? 'credit_card',
      });
    if (options.idempotencyKey) call.set('Idempotency-Key', options.idempotencyKey);
    const response = await call.expect(202);
    return response.body.saga_id as string;
  }

  async saga(sagaId: string) {
    return (await request(this.orchestrator!.http).get(`/api/v1/sagas/${sagaId}`).expect(200)).body;
  }

  /** Polls the saga until it has ended (or `timeoutMs` passes) and returns its last view. */
  async ended(sagaId: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const saga = await this.saga(sagaId);
      if (TERMINAL_SAGA_STATUSES.includes(saga.status as SagaStatus) || Date.now() > deadline) return saga;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async close(): Promise<void> {
    for (const instance of this.orchestrators) await instance.close();
    await this.stopEcommerce();
    await this.stopInventory();
    await this.orchestratorDb.drop();
    await this.inventoryDb.drop();
    await this.ecommerceDb.drop();
  }
}
