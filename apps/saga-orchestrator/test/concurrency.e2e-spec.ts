import { TERMINAL_SAGA_STATUSES } from '@app/contracts';
import { testServerUrl } from '@app/testing';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';
import { FAST_SAGAS, OrderSystem } from './order-system';

const ROOT = resolve(__dirname, '../../..');
/**
 * The production default call timeout: 200 orders at once, with all three apps in this one process, can
 * keep a participant busier than the tests' 1 s, and a saga that gives up cannot show what these tests check.
 */
const UNDER_LOAD = { SAGA_CALL_TIMEOUT_MS: '3000' };

/** What every order must satisfy once its saga has ended, whatever happened on the way. */
async function expectConsistent(system: OrderSystem, sagaIds: string[], startingStock: number) {
  const sagas = await Promise.all(sagaIds.map((id) => system.saga(id)));
  expect(sagas.filter((saga) => !TERMINAL_SAGA_STATUSES.includes(saga.status))).toEqual([]);
  const completed = sagas.filter((saga) => saga.status === 'COMPLETED');
  const stock = await system.stock();
  expect(stock.reserved).toBe(0);
  expect(stock.onHand).toBe(startingStock - completed.length);
  const orders: Array<{ id: number; status: string }> = await system.ecommerce!.dataSource.query(
    'SELECT id, status FROM orders WHERE saga_id = ANY($1)',
    [sagaIds],
  );
  const orderIds = new Set(orders.map((order) => order.id));
  const payments = (await system.payments()).filter((payment) => orderIds.has(payment.orderId));
  for (const saga of completed) {
    expect(orders.find((order) => order.id === saga.order_id)?.status).toBe('CONFIRMED');
    expect(payments.filter((payment) => payment.orderId === saga.order_id && payment.status === 'COMPLETED')).toHaveLength(1);
  }
  // Every captured payment belongs to one completed order, and no order was charged twice.
  const captured = payments.filter((payment) => payment.status === 'COMPLETED');
  expect(new Set(captured.map((payment) => payment.orderId)).size).toBe(captured.length);
  expect(captured.map((payment) => payment.orderId).sort()).toEqual(completed.map((saga) => saga.order_id).sort());
  return { completed: completed.length, sagas };
}

describe('order-processing saga under concurrency and crashes', () => {
  let system: OrderSystem;

  beforeAll(async () => {
    system = await OrderSystem.start(1, UNDER_LOAD);
  });

  afterAll(() => system.close());

  it('sells exactly the 50 units to 50 of 200 simultaneous orders, each paid once', async () => {
    await system.givenStock(50);
    const sagaIds = await Promise.all(Array.from({ length: 200 }, () => system.placeOrder([[system.productIds[0], 1]])));
    await Promise.all(sagaIds.map((id) => system.ended(id, 60_000)));

    const { completed, sagas } = await expectConsistent(system, sagaIds, 50);
    expect(completed).toBe(50);
    expect(await system.stock()).toMatchObject({ onHand: 0, reserved: 0 });
    expect(sagas.filter((saga) => saga.status === 'COMPENSATED')).toHaveLength(150);
  }, 90_000);

  it('lets two orchestrator instances share sagas without ever running a step twice', async () => {
    await system.givenStock(1000);
    const second = await system.startOrchestrator(UNDER_LOAD);
    const first = system.orchestrator!;
    const sagaIds = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const response = await request((i % 2 ? first : second).http)
          .post(`/api/v1/customers/${system.customerId}/order-processing`)
          .send({
            products: [{ product_id: system.productIds[0], quantity: 1 }],
            shipping_address: { street: 's', city: 'c', postal_code: '1', country: 'FR' },
            billing_address: { street: 's', city: 'c', postal_code: '1', country: 'FR' },
            payment_method: 'credit_card',
          })
          .expect(202);
        return response.body.saga_id as string;
      }),
    );
    await Promise.all(sagaIds.map((id) => system.ended(id)));
    const { completed } = await expectConsistent(system, sagaIds, 1000);
    expect(completed).toBe(60);
    const twice = await system.orchestrator!.dataSource.query(
      `SELECT saga_id, name FROM saga_log WHERE status = 'SUCCESS' GROUP BY saga_id, name HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
    await system.stopOrchestrator(second);
  }, 60_000);

  describe('an orchestrator killed mid-saga (SIGKILL)', () => {
    let child: ChildProcess | undefined;

    beforeAll(() => {
      execFileSync(process.execPath, ['tools/build.mjs'], {
        cwd: ROOT,
        stdio: 'ignore',
      });
    }, 120_000);

    afterAll(() => child?.kill('SIGKILL'));

    it('leaves no saga unfinished once an instance starts again', async () => {
      await system.givenStock(20);
      const port = 38_000 + Math.floor(Math.random() * 1000);
      child = spawn(process.execPath, ['dist/apps/saga-orchestrator/src/main.js'], {
        cwd: ROOT,
        stdio: 'ignore',
        env: {
          ...process.env,
          ...FAST_SAGAS,
          ...system.participantAddresses,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          HOST: '127.0.0.1',
          PORT: String(port),
          TCP_PORT: String(port + 1),
          DATABASE_URL: testServerUrl(),
          DATABASE_NAME: system.orchestratorDatabaseName,
          SEED_DEMO_DATA: 'false',
        },
      });
      const base = `http://127.0.0.1:${port}`;
      // A cold start (Nest, migrations check) can take many seconds on a busy CI machine.
      const readyBy = Date.now() + 60_000;
      while (
        !(await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (child.exitCode !== null) throw new Error(`the orchestrator child exited with ${child.exitCode} before it was ready`);
        if (Date.now() > readyBy) throw new Error('the orchestrator child was not ready within 60 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      // The instance this test talks to stops driving, so that the child is the one that gets killed mid-saga.
      await system.stopOrchestrator(system.orchestrator!);

      const sagaIds = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const response = await fetch(`${base}/api/v1/customers/${i % 5 === 0 ? 99999 : system.customerId}/order-processing`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              products: [{ product_id: system.productIds[0], quantity: 1 }],
              shipping_address: { street: 's', city: 'c', postal_code: '1', country: 'FR' },
              billing_address: { street: 's', city: 'c', postal_code: '1', country: 'FR' },
              payment_method: i % 7 === 0 ? 'declined_card' : 'credit_card',
            }),
          });
          expect(response.status).toBe(202);
          return ((await response.json()) as { saga_id: string }).saga_id;
        }),
      );
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));

      const unfinished = await system.orchestratorsDatabaseQuery(
        `SELECT count(*)::int AS n FROM sagas WHERE status NOT IN ('COMPLETED', 'COMPENSATED', 'FAILED')`,
      );
      await system.startOrchestrator();
      await Promise.all(sagaIds.map((id) => system.ended(id, 30_000)));
      const { completed } = await expectConsistent(system, sagaIds, 20);
      expect(completed).toBeGreaterThan(0);
      // Evidence that the kill did interrupt sagas (else this test would prove nothing).
      expect(unfinished[0].n).toBeGreaterThan(0);
    }, 150_000);
  });
});
