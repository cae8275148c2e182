import { Outbox } from '@app/events';
import { TestApp, createTestApp, databaseFingerprint } from '@app/testing';
import { CashRegister } from '../src/cash-registers/cash-register.entity';
import { RetailErrorCode } from '../src/retail.exception';
import { retailService } from '../src/retail.service';
import { ReturnsService } from '../src/returns/returns.service';
import { Sale, SaleLine } from '../src/sales/sale.entity';
import { SalesService } from '../src/sales/sales.service';
import { Store } from '../src/stores/store.entity';
import { eventsOf, givenProducts, givenRegister, givenStore } from './fixtures';

/** The services on a real database, without HTTP: each change commits with its event, or nothing does. */
describe('Sales and returns with their events', () => {
  let t: TestApp;
  let sales: SalesService;
  let returns: ReturnsService;
  let store: Store;
  let register: CashRegister;

  const sell = (product_id: number, quantity: number) =>
    sales.record({ store_id: store.id, register_id: register.id, lines: [{ product_id, quantity }] });
  /** Runs `refused` and expects it to fail with `error` and to leave every table as it was. */
  const expectNothingWritten = async (refused: () => Promise<unknown>, error: object) => {
    const before = await databaseFingerprint(t.dataSource);
    await expect(refused()).rejects.toMatchObject(error);
    expect(await databaseFingerprint(t.dataSource)).toEqual(before);
  };
  const failNextEvent = () => jest.spyOn(t.app.get(Outbox), 'record').mockRejectedValueOnce(new Error('outbox unavailable'));

  beforeAll(async () => {
    t = await createTestApp(retailService);
    sales = t.app.get(SalesService);
    returns = t.app.get(ReturnsService);
    await givenProducts(t.dataSource, [
      { id: 1, price: '2.50' },
      { id: 2, price: '4.00', active: false },
    ]);
    store = await givenStore(t.dataSource, 'ST-UOW', { locationId: 7 });
    register = await givenRegister(t.dataSource, store, 'POS-1');
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  describe(SalesService.name, () => {
    it('records the sale, its lines and its event', async () => {
      const sale = await sell(1, 2);
      const stored = await t.dataSource.getRepository(Sale).findOneOrFail({ where: { id: sale.id }, relations: { lines: true } });
      expect(stored).toMatchObject({ total: '5.00', lines: [{ productId: 1, quantity: 2, lineTotal: '5.00' }] });
      expect(await eventsOf(t.dataSource, 'retail.sale.recorded')).toMatchObject([
        { payload: { sale_id: sale.id, location_id: 7, total: '5.00', imported: false } },
      ]);
    });

    it('writes nothing for a refused sale', async () => {
      await expectNothingWritten(() => sell(2, 1), { code: RetailErrorCode.InactiveProduct });
    });

    it('keeps no sale whose event could not be recorded', async () => {
      failNextEvent();
      await expectNothingWritten(() => sell(1, 1), { message: 'outbox unavailable' });
    });
  });

  describe(ReturnsService.name, () => {
    let saleId: number;
    const giveBack = (quantity: number) => returns.create({ sale_id: saleId, lines: [{ product_id: 1, quantity }] });

    beforeAll(async () => {
      saleId = (await sell(1, 3)).id;
    });

    it('records the return, the quantity taken back and its event', async () => {
      const saleReturn = await giveBack(1);
      expect(await t.dataSource.getRepository(SaleLine).findOneByOrFail({ saleId })).toMatchObject({ returnedQuantity: 1 });
      expect(await eventsOf(t.dataSource, 'retail.sale.returned')).toMatchObject([
        { payload: { return_id: saleReturn.id, sale_id: saleId, location_id: 7, total_refund: '2.50' } },
      ]);
    });

    it('writes nothing for a return of more than is left', async () => {
      await expectNothingWritten(() => giveBack(3), { fieldErrors: [expect.objectContaining({ field: 'lines.0.quantity' })] });
    });

    it('keeps no return whose event could not be recorded', async () => {
      failNextEvent();
      await expectNothingWritten(() => giveBack(1), { message: 'outbox unavailable' });
    });
  });
});
