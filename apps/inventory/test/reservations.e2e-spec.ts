import { ReservationChangeReply, ReserveStockReply } from '@app/contracts';
import { TestApp, createTestApp } from '@app/testing';
import { Product } from '../src/products/product.entity';
import { Reservation } from '../src/reservations/reservation.entity';
import { ReservationsService } from '../src/reservations/reservations.service';
import { inventoryService } from '../src/inventory.service';
import { givenCatalogue, givenStock, reserveCommands, stockOf } from './fixtures';

describe(ReservationsService.name, () => {
  let t: TestApp;
  let service: ReservationsService;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    service = t.app.get(ReservationsService);
    catalogue = await givenCatalogue(t.dataSource, 6);
  });

  afterAll(() => t.close());

  const product = (n: number) => catalogue.products[n].id;
  const warehouse = () => catalogue.warehouse.id;
  const reserveCommand = reserveCommands();
  const reserved = async (productId: number) => (await stockOf(t.dataSource, productId, warehouse())).reserved;

  describe('reserve', () => {
    beforeAll(async () => {
      await givenStock(t.dataSource, product(0), warehouse(), 10);
      await givenStock(t.dataSource, product(1), warehouse(), 3);
    });

    it('reserves every line at the warehouse', async () => {
      const reply = await service.reserve(
        reserveCommand([
          [product(0), 2],
          [product(1), 1],
        ]),
      );
      expect(reply).toMatchObject({
        outcome: 'RESERVED',
        reservation: {
          location_id: warehouse(),
          status: 'ACTIVE',
          lines: [
            { product_id: product(0), quantity: 2 },
            { product_id: product(1), quantity: 1 },
          ],
        },
      });
      expect(await reserved(product(0))).toBe(2);
      expect(await reserved(product(1))).toBe(1);
    });

    it('keeps every line of the reservation, as a later read and a repeat of the command show', async () => {
      const command = reserveCommand([
        [product(1), 1],
        [product(0), 1],
      ]);
      const reply = await service.reserve(command);
      expect(await service.get(command.idempotency_key)).toEqual({
        found: true,
        reservation: (reply as Extract<ReserveStockReply, { outcome: 'RESERVED' }>).reservation,
      });
      expect(await service.reserve(command)).toEqual(reply);
      expect(reply).toMatchObject({ reservation: { lines: [{ product_id: product(0) }, { product_id: product(1) }] } });
      await service.release({ idempotency_key: `${command.holder}:RELEASE_STOCK`, reservation_key: command.idempotency_key });
    });

    it('refuses a location that does not exist, writing nothing', async () => {
      const command = { ...reserveCommand([[product(0), 1]]), location_id: 999_999 };
      expect(await service.reserve(command)).toEqual({ outcome: 'REJECTED', reason: 'UNKNOWN_LOCATION', lines: [] });
      expect(await service.get(command.idempotency_key)).toEqual({ found: false });
      expect(await reserved(product(0))).toBe(2);
    });

    it('reserves nothing when one line is short, and says what is available', async () => {
      const reply = await service.reserve(
        reserveCommand([
          [product(0), 1],
          [product(1), 5],
        ]),
      );
      expect(reply).toEqual({
        outcome: 'REJECTED',
        reason: 'INSUFFICIENT_STOCK',
        lines: [
          { product_id: product(0), requested: 1, available: 8 },
          { product_id: product(1), requested: 5, available: 2 },
        ],
      });
      expect(await reserved(product(0))).toBe(2);
      expect(await reserved(product(1))).toBe(1);
    });

    it('adds up the same product given twice', async () => {
      const reply = await service.reserve(
        reserveCommand([
          [product(1), 1],
          [product(1), 2],
        ]),
      );
      expect(reply.outcome).toBe('REJECTED');
      expect(await reserved(product(1))).toBe(1);
    });

    it('returns the first outcome when a key is repeated, and reserves once', async () => {
      const command = reserveCommand([[product(0), 3]]);
      const first = await service.reserve(command);
      const again = await service.reserve(command);
      expect(again).toEqual(first);
      expect(await reserved(product(0))).toBe(5);
    });

    it('repeats a rejection even after stock arrived', async () => {
      const command = reserveCommand([[product(2), 1]]);
      const first = await service.reserve(command);
      expect(first).toMatchObject({ outcome: 'REJECTED', reason: 'INSUFFICIENT_STOCK' });
      await givenStock(t.dataSource, product(2), warehouse(), 100);
      expect(await service.reserve(command)).toEqual(first);
      expect(await reserved(product(2))).toBe(0);
    });

    it('rejects unknown and inactive products', async () => {
      expect(await service.reserve(reserveCommand([[999_999, 1]]))).toMatchObject({
        outcome: 'REJECTED',
        reason: 'UNKNOWN_PRODUCT',
      });
      await t.dataSource.getRepository(Product).update(product(5), { active: false });
      await givenStock(t.dataSource, product(5), warehouse(), 10);
      expect(await service.reserve(reserveCommand([[product(5), 1]]))).toMatchObject({
        outcome: 'REJECTED',
        reason: 'INACTIVE_PRODUCT',
      });
      expect(await reserved(product(5))).toBe(0);
    });

    it('keeps one reservation when the same command arrives many times at once', async () => {
      await givenStock(t.dataSource, product(3), warehouse(), 100);
      const command = reserveCommand([[product(3), 7]]);
      const replies = await Promise.all(Array.from({ length: 10 }, () => service.reserve(command)));
      for (const reply of replies) expect(reply).toEqual(replies[0]);
      expect(await reserved(product(3))).toBe(7);
      expect(await t.dataSource.getRepository(Reservation).countBy({ reservationKey: command.idempotency_key })).toBe(1);
    });
  });

  describe('check', () => {
    it('says what is available at the warehouse, or at the location named', async () => {
      await givenStock(t.dataSource, product(2), catalogue.store.id, 4);
      const atWarehouse = await stockOf(t.dataSource, product(2), warehouse());
      expect(
        await service.check({
          lines: [
            { product_id: product(0), quantity: 1 },
            { product_id: product(2), quantity: 500 },
          ],
        }),
      ).toEqual({
        location_id: warehouse(),
        all_available: false,
        lines: [
          { product_id: product(0), requested: 1, available: expect.any(Number) },
          { product_id: product(2), requested: 500, available: atWarehouse.onHand - atWarehouse.reserved },
        ],
      });
      expect(await service.check({ location_id: catalogue.store.id, lines: [{ product_id: product(2), quantity: 4 }] })).toEqual({
        location_id: catalogue.store.id,
        all_available: true,
        lines: [{ product_id: product(2), requested: 4, available: 4 }],
      });
    });

    it('names the location that does not exist', async () => {
      await expect(
        service.check({ location_id: 999_999, lines: [{ product_id: product(0), quantity: 1 }] }),
      ).rejects.toMatchObject({
        code: 'LOCATION_NOT_FOUND',
      });
    });
  });

  describe('release and commit', () => {
    beforeEach(() => givenStock(t.dataSource, product(4), warehouse(), 20));

    it('release gives the units back, once', async () => {
      const reserve = reserveCommand([[product(4), 5]]);
      await service.reserve(reserve);
      const release = { idempotency_key: `${reserve.holder}:RELEASE_STOCK`, reservation_key: reserve.idempotency_key };
      const first = await service.release(release);
      expect(first).toMatchObject({ outcome: 'RELEASED', reservation: { status: 'RELEASED' } });
      expect(await service.release(release)).toEqual(first);
      expect(await service.release({ ...release, idempotency_key: `${release.idempotency_key}-2` })).toMatchObject({
        outcome: 'ALREADY_RELEASED',
      });
      expect(await stockOf(t.dataSource, product(4), warehouse())).toMatchObject({ onHand: 20, reserved: 0 });
    });

    it('a release that comes before its reserve stops the late reserve', async () => {
      const reserve = reserveCommand([[product(4), 5]]);
      const reply = await service.release({ idempotency_key: 'early:RELEASE_STOCK', reservation_key: reserve.idempotency_key });
      expect(reply).toEqual({ outcome: 'NOT_FOUND' });
      expect(await service.reserve(reserve)).toMatchObject({ outcome: 'REJECTED', reason: 'CANCELLED' });
      expect(await reserved(product(4))).toBe(0);
    });

    it('commit takes the units off the shelf; a later release is refused', async () => {
      const reserve = reserveCommand([[product(4), 4]]);
      await service.reserve(reserve);
      const commit = await service.commit({
        idempotency_key: `${reserve.holder}:CONFIRM_ORDER`,
        reservation_key: reserve.idempotency_key,
      });
      expect(commit).toMatchObject({ outcome: 'COMMITTED', reservation: { status: 'COMMITTED' } });
      expect(await stockOf(t.dataSource, product(4), warehouse())).toMatchObject({ onHand: 16, reserved: 0 });
      const release: ReservationChangeReply = await service.release({
        idempotency_key: `${reserve.holder}:RELEASE_STOCK`,
        reservation_key: reserve.idempotency_key,
      });
      expect(release).toMatchObject({ outcome: 'REJECTED', reason: 'RESERVATION_COMMITTED' });
      expect(await stockOf(t.dataSource, product(4), warehouse())).toMatchObject({ onHand: 16, reserved: 0 });
    });

    it('expired reservations go back to available, and cannot be committed', async () => {
      const reserve = { ...reserveCommand([[product(4), 6]]), ttl_seconds: 60 };
      await service.reserve(reserve);
      await t.dataSource
        .getRepository(Reservation)
        .update({ reservationKey: reserve.idempotency_key }, { expiresAt: new Date(Date.now() - 1000) });
      expect(await service.expireDue()).toBe(1);
      expect(await stockOf(t.dataSource, product(4), warehouse())).toMatchObject({ onHand: 20, reserved: 0 });
      expect(await service.get(reserve.idempotency_key)).toMatchObject({ found: true, reservation: { status: 'EXPIRED' } });
      const commit = await service.commit({
        idempotency_key: `${reserve.holder}:CONFIRM_ORDER`,
        reservation_key: reserve.idempotency_key,
      });
      expect(commit).toMatchObject({ outcome: 'REJECTED', reason: 'RESERVATION_RELEASED' });
      expect(await service.expireDue()).toBe(0);
    });
  });

  describe('under concurrency', () => {
    it('never takes available stock below zero, and the counts add up exactly', async () => {
      const [a, b] = [product(0), product(1)];
      const onHand = 40;
      await givenStock(t.dataSource, a, warehouse(), onHand);
      await givenStock(t.dataSource, b, warehouse(), onHand);
      // 150 orders of 1-3 units of each product, lines in both orders, all at once: far more than the stock.
      const commands = Array.from({ length: 150 }, (_, i) => {
        const lines: Array<[number, number]> = [
          [a, (i % 3) + 1],
          [b, ((i + 1) % 3) + 1],
        ];
        return reserveCommand(i % 2 ? lines : lines.reverse());
      });
      const replies: ReserveStockReply[] = await Promise.all(commands.map((command) => service.reserve(command)));

      const quantityOf = (productId: number) =>
        replies.reduce(
          (sum, reply) =>
            sum + (reply.outcome === 'RESERVED' ? reply.reservation.lines.find((l) => l.product_id === productId)!.quantity : 0),
          0,
        );
      const succeeded = replies.filter((reply) => reply.outcome === 'RESERVED').length;
      expect(succeeded).toBeGreaterThan(0);
      expect(succeeded).toBeLessThan(commands.length);
      for (const productId of [a, b]) {
        const level = await stockOf(t.dataSource, productId, warehouse());
        expect(level.reserved).toBe(quantityOf(productId));
        expect(level.onHand).toBe(onHand);
        expect(level.onHand - level.reserved).toBeGreaterThanOrEqual(0);
      }
      // Every rejection was for want of stock, not a deadlock or an error.
      expect(
        replies
          .filter((reply) => reply.outcome === 'REJECTED')
          .every((reply) => reply.outcome === 'REJECTED' && reply.reason === 'INSUFFICIENT_STOCK'),
      ).toBe(true);
    });
  });
});
