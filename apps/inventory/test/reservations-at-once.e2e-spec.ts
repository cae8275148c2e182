import { ReservationChangeReply, ReserveStockCommand, ReserveStockReply, StockChangedV1, StockLevelV1 } from '@app/contracts';
import { createTestApp, databaseFingerprint, statementsOf, TestApp } from '@app/testing';
import { inventoryService } from '../src/inventory.service';
import { Product } from '../src/products/product.entity';
import { Reservation } from '../src/reservations/reservation.entity';
import { ReservationsRepository } from '../src/reservations/reservations.repository';
import { ReservationsService } from '../src/reservations/reservations.service';
import { givenCatalogue, givenStock, reserveCommands, stockOf } from './fixtures';

type Reserved = Extract<ReserveStockReply, { outcome: 'RESERVED' }>;

/**
 * Reserve and commit take their usual case in one statement (reservations.repository.ts `reserveAtOnce` and
 * `commitAtOnce`) and leave everything else to the full path: these are the edges between the two.
 */
describe('reservations in one statement', () => {
  let t: TestApp;
  let service: ReservationsService;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    service = t.app.get(ReservationsService);
    catalogue = await givenCatalogue(t.dataSource, 8);
  });

  afterAll(() => t.close());

  const product = (n: number) => catalogue.products[n].id;
  const warehouse = () => catalogue.warehouse.id;
  const reserveCommand = reserveCommands();
  const commitOf = (reserve: ReserveStockCommand, suffix = '') => ({
    idempotency_key: `${reserve.holder}:CONFIRM_ORDER${suffix}`,
    reservation_key: reserve.idempotency_key,
  });
  const releaseOf = (reserve: ReserveStockCommand) => ({
    idempotency_key: `${reserve.holder}:RELEASE_STOCK`,
    reservation_key: reserve.idempotency_key,
  });
  const storedReply = async (key: string) =>
    (
      await t.dataSource.query<Array<{ result: unknown }>>('SELECT result FROM processed_commands WHERE idempotency_key = $1', [
        key,
      ])
    )[0]?.result;
  const outboxMark = async () =>
    (await t.dataSource.query<Array<{ mark: string }>>('SELECT coalesce(max(id), 0) AS mark FROM outbox_events'))[0].mark;
  const eventsSince = (mark: string) =>
    t.dataSource.query<
      Array<{ type: string; version: number; payload: StockChangedV1; correlation_id: string | null; pending_for: string[] }>
    >('SELECT type, version, payload, correlation_id, pending_for FROM outbox_events WHERE id > $1 ORDER BY id', [mark]);
  const level = (
    productId: number,
    onHand: number,
    reserved: number,
    version: number,
    locationId = warehouse(),
  ): StockLevelV1 => ({
    product_id: productId,
    location_id: locationId,
    on_hand: onHand,
    reserved,
    reorder_level: 5,
    version,
  });
  /** Every table but the record of replies, which a refusal writes. */
  const fingerprint = async () => {
    const { processed_commands: _replies, ...rest } = await databaseFingerprint(t.dataSource);
    return rest;
  };

  describe('reserve', () => {
    beforeEach(async () => {
      await givenStock(t.dataSource, product(0), warehouse(), 10);
      await givenStock(t.dataSource, product(1), warehouse(), 10);
    });

    it('reserves every line in one statement, storing the reply it gives and the event of the levels', async () => {
      const command = reserveCommand([
        [product(1), 3],
        [product(0), 2],
        [product(1), 1],
      ]);
      const mark = await outboxMark();
      let reply: ReserveStockReply | undefined;
      expect(
        await statementsOf(async () => {
          reply = await service.reserve({ ...command, ttl_seconds: 600 });
        }),
      ).toEqual(['WITH line AS']);

      const reservation = (reply as Reserved).reservation;
      expect(reply).toEqual({
        outcome: 'RESERVED',
        reservation: {
          reservation_id: expect.any(Number),
          reservation_key: command.idempotency_key,
          holder: command.holder,
          location_id: warehouse(),
          status: 'ACTIVE',
          expires_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
          lines: [
            { product_id: product(0), quantity: 2 },
            { product_id: product(1), quantity: 4 },
          ],
        },
      });
      expect(Date.parse(reservation.expires_at) - Date.now()).toBeGreaterThan(590_000);
      expect(Date.parse(reservation.expires_at) - Date.now()).toBeLessThanOrEqual(600_000);
      // What the full path's view of the reservation says, and what a repeat will answer.
      expect(await service.get(command.idempotency_key)).toEqual({ found: true, reservation });
      expect(await storedReply(command.idempotency_key)).toEqual(reply);

      const events = await eventsSince(mark);
      expect(events).toEqual([
        {
          type: 'inventory.stock.changed',
          version: 1,
          correlation_id: null,
          pending_for: ['reporting'],
          payload: {
            reason: 'RESERVATION',
            levels: [level(product(0), 10, 2, 1), level(product(1), 10, 4, 1)],
            changed_at: expect.any(String),
          },
        },
      ]);
      expect(Math.abs(Date.parse(events[0].payload.changed_at) - Date.now())).toBeLessThan(60_000);
      await service.release(releaseOf(command));
    });

    it('reserves at the location the command names', async () => {
      await givenStock(t.dataSource, product(0), catalogue.store.id, 4);
      const command = { ...reserveCommand([[product(0), 4]]), location_id: catalogue.store.id };
      expect(await service.reserve(command)).toMatchObject({
        outcome: 'RESERVED',
        reservation: { location_id: catalogue.store.id, lines: [{ product_id: product(0), quantity: 4 }] },
      });
      expect(await stockOf(t.dataSource, product(0), catalogue.store.id)).toMatchObject({ onHand: 4, reserved: 4 });
      expect(await stockOf(t.dataSource, product(0), warehouse())).toMatchObject({ onHand: 10, reserved: 0 });
      await service.release(releaseOf(command));
    });

    it('answers a repeated key with its first reply, even once the reservation is released, and reserves once', async () => {
      const command = reserveCommand([[product(0), 3]]);
      const mark = await outboxMark();
      const first = await service.reserve(command);
      expect(await service.reserve(command)).toEqual(first);
      expect((await stockOf(t.dataSource, product(0), warehouse())).reserved).toBe(3);

      await service.release(releaseOf(command));
      expect(await service.reserve(command)).toEqual(first);
      expect((await stockOf(t.dataSource, product(0), warehouse())).reserved).toBe(0);
      expect((await eventsSince(mark)).map((event) => event.payload.reason)).toEqual(['RESERVATION', 'RELEASE']);
    });

    it.each([
      [
        'a location that does not exist',
        () => ({ ...reserveCommand([[product(0), 1]]), location_id: 999_999 }),
        'UNKNOWN_LOCATION',
      ],
      [
        'a product that does not exist',
        () =>
          reserveCommand([
            [product(0), 1],
            [999_999, 1],
          ]),
        'UNKNOWN_PRODUCT',
      ],
      [
        'an inactive product, though in stock',
        () =>
          reserveCommand([
            [product(0), 1],
            [product(7), 1],
          ]),
        'INACTIVE_PRODUCT',
      ],
    ])('refuses %s, writing nothing but the refusal', async (_case, command, reason) => {
      await givenStock(t.dataSource, product(7), warehouse(), 10);
      await t.dataSource.getRepository(Product).update(product(7), { active: false });
      const reserve = command();
      const before = await fingerprint();
      const reply = { outcome: 'REJECTED', reason, lines: [] };
      expect(await service.reserve(reserve)).toEqual(reply);
      expect(await fingerprint()).toEqual(before);
      expect(await storedReply(reserve.idempotency_key)).toEqual(reply);
    });

    it('refuses when one line is short or not stocked there, saying what is available of each', async () => {
      // product(6) has no stock row at the warehouse: nothing of it is available.
      const command = reserveCommand([
        [product(6), 1],
        [product(1), 11],
        [product(0), 10],
      ]);
      const before = await fingerprint();
      const reply = await service.reserve(command);
      expect(reply).toEqual({
        outcome: 'REJECTED',
        reason: 'INSUFFICIENT_STOCK',
        lines: [
          { product_id: product(0), requested: 10, available: 10 },
          { product_id: product(1), requested: 11, available: 10 },
          { product_id: product(6), requested: 1, available: 0 },
        ],
      });
      expect(await fingerprint()).toEqual(before);
      expect(await storedReply(command.idempotency_key)).toEqual(reply);
    });

    it('refuses a reserve whose release came first, though the stock is there', async () => {
      const command = reserveCommand([[product(0), 1]]);
      expect(await service.release(releaseOf(command))).toEqual({ outcome: 'NOT_FOUND' });
      const before = await fingerprint();
      expect(await service.reserve(command)).toEqual({ outcome: 'REJECTED', reason: 'CANCELLED', lines: [] });
      expect(await fingerprint()).toEqual(before);
    });
  });

  describe('commit', () => {
    beforeEach(() => givenStock(t.dataSource, product(2), warehouse(), 20));

    it('commits in one statement, storing the reply it gives and the event of the levels', async () => {
      await givenStock(t.dataSource, product(3), warehouse(), 20);
      const reserve = reserveCommand([
        [product(3), 1],
        [product(2), 5],
      ]);
      await service.reserve(reserve);
      const mark = await outboxMark();
      let reply: ReservationChangeReply | undefined;
      expect(
        await statementsOf(async () => {
          reply = await service.commit(commitOf(reserve));
        }),
      ).toEqual(['WITH reservation AS']);

      const view = await service.get(reserve.idempotency_key);
      expect(view).toMatchObject({ found: true, reservation: { status: 'COMMITTED' } });
      expect(reply).toEqual({ outcome: 'COMMITTED', reservation: (view as { reservation: unknown }).reservation });
      expect(await storedReply(commitOf(reserve).idempotency_key)).toEqual(reply);
      expect(await eventsSince(mark)).toEqual([
        {
          type: 'inventory.stock.changed',
          version: 1,
          correlation_id: null,
          pending_for: ['reporting'],
          payload: {
            reason: 'COMMIT',
            levels: [level(product(2), 15, 0, 2), level(product(3), 19, 0, 2)],
            changed_at: expect.any(String),
          },
        },
      ]);
    });

    it('answers a repeated key with its first reply, another key with ALREADY_COMMITTED, taking the units once', async () => {
      const reserve = reserveCommand([[product(2), 4]]);
      await service.reserve(reserve);
      const first = await service.commit(commitOf(reserve));
      expect(first).toMatchObject({ outcome: 'COMMITTED' });
      expect(await service.commit(commitOf(reserve))).toEqual(first);
      expect(await service.commit(commitOf(reserve, '-again'))).toEqual({
        outcome: 'ALREADY_COMMITTED',
        reservation: (first as { reservation: unknown }).reservation,
      });
      expect(await stockOf(t.dataSource, product(2), warehouse())).toMatchObject({ onHand: 16, reserved: 0 });
    });

    it('leaves what it cannot commit to the full path: unknown, released, expired', async () => {
      expect(await service.commit({ idempotency_key: 'nobody:CONFIRM_ORDER', reservation_key: 'nobody:RESERVE_STOCK' })).toEqual({
        outcome: 'NOT_FOUND',
      });
      const released = reserveCommand([[product(2), 2]]);
      await service.reserve(released);
      await service.release(releaseOf(released));
      const expired = reserveCommand([[product(2), 3]]);
      await service.reserve(expired);
      await t.dataSource
        .getRepository(Reservation)
        .update({ reservationKey: expired.idempotency_key }, { expiresAt: new Date(Date.now() - 1000) });
      await service.expireDue();

      const before = await fingerprint();
      for (const reserve of [released, expired]) {
        expect(await service.commit(commitOf(reserve))).toMatchObject({ outcome: 'REJECTED', reason: 'RESERVATION_RELEASED' });
      }
      expect(await fingerprint()).toEqual(before);
      expect(await stockOf(t.dataSource, product(2), warehouse())).toMatchObject({ onHand: 20, reserved: 0 });
    });

    it('writes nothing when the stock is out of step with the reservation, and the full path says so', async () => {
      const reserve = reserveCommand([[product(2), 6]]);
      await service.reserve(reserve);
      // Not something the service does: a level changed by hand behind its back.
      await t.dataSource.query('UPDATE stock_levels SET reserved = 2 WHERE product_id = $1 AND location_id = $2', [
        product(2),
        warehouse(),
      ]);
      const before = await fingerprint();
      await expect(service.commit(commitOf(reserve))).rejects.toThrow('out of step');
      expect(await fingerprint()).toEqual(before);
      expect(await storedReply(commitOf(reserve).idempotency_key)).toBeUndefined();
      await t.dataSource.query('UPDATE stock_levels SET reserved = 0 WHERE product_id = $1 AND location_id = $2', [
        product(2),
        warehouse(),
      ]);
    });

    it('commits once when the same commit arrives many times at once', async () => {
      const reserve = reserveCommand([[product(2), 7]]);
      await service.reserve(reserve);
      const mark = await outboxMark();
      const replies = await Promise.all(Array.from({ length: 10 }, () => service.commit(commitOf(reserve))));
      expect(replies[0]).toMatchObject({ outcome: 'COMMITTED' });
      for (const reply of replies) expect(reply).toEqual(replies[0]);
      expect(await stockOf(t.dataSource, product(2), warehouse())).toMatchObject({ onHand: 13, reserved: 0 });
      expect((await eventsSince(mark)).map((event) => event.payload.reason)).toEqual(['COMMIT']);
    });

    it('lets exactly one of a commit and a release racing for the same reservation win', async () => {
      const reserves = Array.from({ length: 10 }, () => reserveCommand([[product(2), 1]]));
      for (const reserve of reserves) await service.reserve(reserve);
      const outcomes = await Promise.all(
        reserves.map((reserve, i) => {
          const commit = () => service.commit(commitOf(reserve));
          const release = () => service.release(releaseOf(reserve));
          return Promise.all(i % 2 ? [commit(), release()] : [release(), commit()].reverse());
        }),
      );
      let committed = 0;
      for (const [commit, release] of outcomes) {
        if (commit.outcome === 'COMMITTED') {
          committed++;
          expect(release).toMatchObject({ outcome: 'REJECTED', reason: 'RESERVATION_COMMITTED' });
        } else {
          expect(commit).toMatchObject({ outcome: 'REJECTED', reason: 'RESERVATION_RELEASED' });
          expect(release).toMatchObject({ outcome: 'RELEASED' });
        }
      }
      expect(await stockOf(t.dataSource, product(2), warehouse())).toMatchObject({ onHand: 20 - committed, reserved: 0 });
    });
  });

  describe('under concurrency', () => {
    it('reserves what releases give back while they commit, exactly, with no error', async () => {
      // Sold out: every reserve decides on units a release frees while the reserve waits for the row.
      const productId = product(3);
      await givenStock(t.dataSource, productId, warehouse(), 10);
      const held = Array.from({ length: 10 }, () => reserveCommand([[productId, 1]]));
      for (const reserve of held) await service.reserve(reserve);
      const [releases, replies] = await Promise.all([
        Promise.all(held.map((reserve) => service.release(releaseOf(reserve)))),
        Promise.all(Array.from({ length: 40 }, () => service.reserve(reserveCommand([[productId, 1]])))),
      ]);
      expect(releases.every((reply) => reply.outcome === 'RELEASED')).toBe(true);
      const reservedNow = replies.filter((reply) => reply.outcome === 'RESERVED').length;
      expect(replies.every((reply) => reply.outcome === 'RESERVED' || reply.reason === 'INSUFFICIENT_STOCK')).toBe(true);
      expect(await stockOf(t.dataSource, productId, warehouse())).toMatchObject({ onHand: 10, reserved: reservedNow });
    });

    it('never oversells while reserves, commits and releases of the same products race, all lines or none', async () => {
      const products = [product(4), product(5), product(6)];
      const onHand = 30;
      for (const productId of products) await givenStock(t.dataSource, productId, warehouse(), onHand);
      const fast = jest.spyOn(t.app.get(ReservationsRepository), 'reserveAtOnce');
      // 120 orders of one to three of the products, lines in every order, far more than the stock.
      const commands = Array.from({ length: 120 }, (_, i) => {
        const lines = products.slice(0, (i % 3) + 1).map((productId, n): [number, number] => [productId, ((i + n) % 3) + 1]);
        return reserveCommand(i % 2 ? lines.reverse() : lines);
      });
      // Each order is committed or released as soon as it is reserved, while the others are still reserving.
      const replies = await Promise.all(
        commands.map(async (command, i) => {
          const reply = await service.reserve(command);
          if (reply.outcome !== 'RESERVED') return { reply, after: undefined };
          const after = await (i % 3 ? service.commit(commitOf(command)) : service.release(releaseOf(command)));
          return { reply, after };
        }),
      );
      try {
        // Most reserves took the one-statement path; every refusal was for want of stock, never an error.
        expect((await Promise.all(fast.mock.results.map((result) => result.value))).filter(Boolean).length).toBeGreaterThan(0);
      } finally {
        fast.mockRestore();
      }
      const taken = new Map(products.map((productId) => [productId, 0]));
      for (const { reply, after } of replies) {
        if (reply.outcome === 'REJECTED') {
          expect(reply.reason).toBe('INSUFFICIENT_STOCK');
          continue;
        }
        expect(after?.outcome).toMatch(/^(COMMITTED|RELEASED)$/);
        if (after?.outcome !== 'COMMITTED') continue;
        for (const line of reply.reservation.lines) taken.set(line.product_id, taken.get(line.product_id)! + line.quantity);
      }
      expect(replies.filter(({ reply }) => reply.outcome === 'REJECTED').length).toBeGreaterThan(0);
      for (const productId of products) {
        expect(await stockOf(t.dataSource, productId, warehouse())).toMatchObject({
          onHand: onHand - taken.get(productId)!,
          reserved: 0,
        });
      }
    });
  });
});
