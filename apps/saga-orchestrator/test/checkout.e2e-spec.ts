import { AddressInfo } from 'node:net';
import request from 'supertest';
import { BILLING, SHIPPING } from '../../ecommerce/test/fixtures';
import { OrderSystem } from './order-system';

/** A shopper's cart checkout in ecommerce starts the saga in the orchestrator, which places the order. */
describe('cart checkout through the orchestrator', () => {
  let system: OrderSystem;

  beforeAll(async () => {
    system = await OrderSystem.start(1);
    await system.givenStock(10);
    // The orchestrator's HTTP API on a real port, and ecommerce pointed at it.
    await system.orchestrator!.app.listen(0, '127.0.0.1');
    const { port } = system.orchestrator!.app.getHttpServer().address() as AddressInfo;
    await system.stopEcommerce();
    await system.startEcommerce({ SAGA_ORCHESTRATOR_URL: `http://127.0.0.1:${port}` });
  });

  afterAll(() => system.close());

  it('turns the cart into a confirmed order, paid once, with its stock taken', async () => {
    const ecommerce = system.ecommerce!.http;
    const cart = await request(ecommerce).post('/api/v1/carts').send({ customer_id: system.customerId }).expect(201);
    await request(ecommerce)
      .put(`/api/v1/carts/${cart.body.id}`)
      .send({ lines: [{ product_id: system.productIds[0], quantity: 3 }] })
      .expect(200);

    const checkout = await request(ecommerce)
      .post(`/api/v1/carts/${cart.body.id}/checkout`)
      .send({ shipping_address: SHIPPING, billing_address: BILLING, payment_method: 'paypal' })
      .expect(202);
    const saga = await system.ended(checkout.body.saga_id);

    expect(saga.status).toBe('COMPLETED');
    const order = await request(ecommerce).get(`/api/v1/orders/${saga.order_id}`).expect(200);
    expect(order.body).toMatchObject({ status: 'CONFIRMED', total: '29.97', payment: { status: 'COMPLETED', amount: '29.97' } });
    expect(order.body.shipment).toMatchObject({ order_id: saga.order_id });
    expect(await system.stock()).toMatchObject({ onHand: 7, reserved: 0 });

    // Checking out again (a double click) finds the same saga.
    const again = await request(ecommerce)
      .post(`/api/v1/carts/${cart.body.id}/checkout`)
      .send({ shipping_address: SHIPPING, billing_address: BILLING, payment_method: 'paypal' })
      .expect(202);
    expect(again.body.saga_id).toBe(checkout.body.saga_id);
  });
});
