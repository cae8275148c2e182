import { TestApp, createTestApp } from '@app/testing';
import { InventoryErrorCode, InventoryException } from '../src/inventory.exception';
import { inventoryService } from '../src/inventory.service';
import { RestockRequest, RestockStatus } from '../src/restock-requests/restock-request.entity';
import { RestockRequestsService } from '../src/restock-requests/restock-requests.service';
import { eventsRecordedBy, givenCatalogue, givenStock, stockOf } from './fixtures';

describe(RestockRequestsService.name, () => {
  let t: TestApp;
  let service: RestockRequestsService;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    service = t.app.get(RestockRequestsService);
    catalogue = await givenCatalogue(t.dataSource, 1);
  });

  afterAll(() => t.close());

  const product = () => catalogue.products[0].id;
  const warehouse = () => catalogue.warehouse.id;
  const store = () => catalogue.store.id;
  const request = (id: number) => t.dataSource.getRepository(RestockRequest).findOneByOrFail({ id });
  const onHand = async () => [
    (await stockOf(t.dataSource, product(), warehouse())).onHand,
    (await stockOf(t.dataSource, product(), store())).onHand,
  ];
  const requestFor = async (quantity: number) =>
    (await service.create({ product_id: product(), location_id: store(), quantity })).id;

  beforeEach(async () => {
    await givenStock(t.dataSource, product(), warehouse(), 10);
    await givenStock(t.dataSource, product(), store(), 1);
  });

  it('approving moves the units and records the stock change with the decision, in one transaction', async () => {
    const id = await requestFor(4);
    const events = await eventsRecordedBy(t.dataSource, () => service.approve(id, { note: 'ok' }));
    expect(await onHand()).toEqual([6, 5]);
    expect(await request(id)).toMatchObject({
      status: RestockStatus.Approved,
      sourceLocationId: warehouse(),
      decisionNote: 'ok',
    });
    expect(events.map((event) => [event.type, event.payload.reason ?? event.payload.status])).toEqual([
      ['inventory.stock.changed', 'RESTOCK'],
      ['inventory.restock.upserted', RestockStatus.Approved],
    ]);
  });

  it('refuses to approve more than the warehouse has available, leaving everything as it was', async () => {
    const id = await requestFor(11);
    const events = await eventsRecordedBy(t.dataSource, () =>
      expect(service.approve(id, {})).rejects.toMatchObject({ code: InventoryErrorCode.InsufficientStock }),
    );
    expect(events).toEqual([]);
    expect(await onHand()).toEqual([10, 1]);
    expect(await request(id)).toMatchObject({ status: RestockStatus.Pending, decidedAt: null });
  });

  it('decides a request once when approve and reject race: the loser gets RESTOCK_NOT_PENDING', async () => {
    const id = await requestFor(3);
    const events = await eventsRecordedBy(t.dataSource, async () => {
      const [approved, rejected] = await Promise.allSettled([service.approve(id, {}), service.reject(id, {})]);
      const outcomes = [approved, rejected].map((result) =>
        result.status === 'fulfilled' ? result.value.status : result.reason,
      );
      const decided = outcomes.find((outcome) => !(outcome instanceof InventoryException));
      expect(outcomes).toContainEqual(expect.objectContaining({ code: InventoryErrorCode.RestockNotPending }));
      expect((await request(id)).status).toBe(decided);
      expect(await onHand()).toEqual(decided === RestockStatus.Approved ? [7, 4] : [10, 1]);
    });
    expect(events.filter((event) => event.type === 'inventory.restock.upserted')).toHaveLength(1);
  });

  it.each(['approve', 'reject'] as const)('%s answers RESTOCK_REQUEST_NOT_FOUND for an unknown request', async (decision) => {
    await expect(service[decision](999_999, {})).rejects.toMatchObject({ code: InventoryErrorCode.RestockRequestNotFound });
  });
});
