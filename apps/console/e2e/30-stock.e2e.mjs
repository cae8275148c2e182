import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONSOLE_URL, assertAccessible, gateway, openConsole, screenshot, signIn } from './browser.mjs';

// Demo product 4 (other e2e files use other products). Lille's stock of it is made low; Marseille asks for more.
const PRODUCT_ID = 4;
const LOW_STORE_LOCATION = 5;
const ASKING_STORE_LOCATION = 4;
const RESTOCKED = 7;

async function level(locationId) {
  const { body } = await gateway(`/api/v1/stock?product_id=${PRODUCT_ID}&location_id=${locationId}`);
  return body.data[0];
}

const cellName = (product, location, l) =>
  new RegExp(`^${product.name} at ${location.name}: on hand ${l.on_hand}, reserved ${l.reserved}, available ${l.available}`);

describe('stock', () => {
  let browser;
  let product;
  let locations;
  let warehouse;

  before(async () => {
    product = (await gateway(`/api/v1/products/${PRODUCT_ID}`)).body;
    locations = (await gateway('/api/v1/locations?limit=100')).body.data;
    warehouse = locations.find((location) => location.type === 'WAREHOUSE');
    // Low at Lille whatever happened before: its reorder level at or above what is available.
    const lille = await level(LOW_STORE_LOCATION);
    if (!lille?.low_stock) {
      await gateway(`/api/v1/stock/${PRODUCT_ID}`, {
        method: 'PUT',
        body: { location_id: LOW_STORE_LOCATION, reorder_level: (lille?.available ?? 0) + 5 },
      });
    }
    // Enough at the warehouse for the restock to be approved.
    if ((await level(warehouse.id)).available < 100) {
      await gateway(`/api/v1/stock/${PRODUCT_ID}`, { method: 'PUT', body: { location_id: warehouse.id, adjustment: 200 } });
    }
    browser = await openConsole();
    await signIn(browser.page, undefined, `/stock?search=${encodeURIComponent(product.sku)}`);
  });
  after(() => browser.close());

  it('shows on hand / reserved / available by location, low stock highlighted, and checks an adjustment', async () => {
    const { page } = browser;
    await page.getByRole('table', { name: 'Stock levels' }).waitFor();
    const atWarehouse = await level(warehouse.id);
    const lowStore = locations.find((location) => location.id === LOW_STORE_LOCATION);
    const atLowStore = await level(LOW_STORE_LOCATION);
    await page.getByRole('button', { name: cellName(product, warehouse, atWarehouse) }).waitFor();
    const lowCell = page.getByRole('button', { name: cellName(product, lowStore, atLowStore) });
    assert.match(await lowCell.getAttribute('title'), /, low stock$/);
    await lowCell.getByText('Low', { exact: true }).waitFor();
    // Every location is a column: the warehouse and each store.
    for (const location of locations) await page.getByRole('columnheader', { name: new RegExp(location.name) }).waitFor();

    // The adjustment modal refuses what the API would refuse, before sending.
    await lowCell.click();
    const dialog = page.getByRole('dialog', { name: 'Adjust stock' });
    await dialog.getByRole('textbox', { name: 'New on-hand count' }).fill('-1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Not below 0.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await level(LOW_STORE_LOCATION)).on_hand, atLowStore.on_hand);

    // Low stock only, at Lille: the list names product 4.
    await page.goto(`${CONSOLE_URL}/stock?low=true&location=${LOW_STORE_LOCATION}`);
    await page.getByRole('table', { name: 'Low stock only' }).waitFor();
    assert.equal(await page.getByRole('switch', { name: 'Low stock only' }).isChecked(), true);
    await page.goto(`${CONSOLE_URL}/stock?search=${encodeURIComponent(product.sku)}`);
    await page.getByRole('table', { name: 'Stock levels' }).waitFor();
    await page.getByRole('button', { name: cellName(product, warehouse, atWarehouse) }).waitFor();

    await assertAccessible(page, 'the stock matrix');
    await screenshot(page, 'stock');
    browser.assertNoConsoleErrors();
  });

  it('sends a restock request from a store, approves it in the queue, and the stock moves', async () => {
    const { page } = browser;
    const store = locations.find((location) => location.id === ASKING_STORE_LOCATION);
    await page.goto(`${CONSOLE_URL}/stock/restock`);
    await page.getByRole('heading', { name: 'Ask the warehouse' }).waitFor();

    const note = `e2e restock ${Date.now()}`;
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Choose a store.').waitFor(); // nothing sent while a field is wrong

    await page.getByRole('combobox', { name: 'Store' }).click();
    await page.getByRole('option', { name: store.name }).click();
    await page.getByRole('combobox', { name: 'Product' }).fill(product.sku);
    await page.getByRole('option', { name: `${product.name} (${product.sku})` }).click();
    await page.getByRole('textbox', { name: 'Quantity' }).fill(String(RESTOCKED));
    await page.getByRole('textbox', { name: 'Note' }).fill(note);
    await page.getByRole('button', { name: 'Send request' }).click();
    const sent = page.getByRole('status').filter({ hasText: /Request no\. \d+ sent/ });
    await sent.waitFor();
    const id = Number((await sent.innerText()).match(/Request no\. (\d+)/)[1]);
    const request = (await gateway(`/api/v1/restock-requests/${id}`)).body;
    assert.deepEqual(
      [request.product_id, request.location_id, request.quantity, request.status, request.note],
      [PRODUCT_ID, ASKING_STORE_LOCATION, RESTOCKED, 'PENDING', note],
    );

    // The queue (newest first) shows it pending.
    const approve = page.getByRole('button', { name: `Approve request ${id}`, exact: true });
    await approve.waitFor();
    await assertAccessible(page, 'the restock requests');
    await screenshot(page, 'stock-restock');

    const storeBefore = await level(ASKING_STORE_LOCATION);
    const warehouseBefore = await level(warehouse.id);
    await approve.click();
    const dialog = page.getByRole('dialog', { name: `Approve request no. ${id}` });
    await dialog.getByRole('textbox', { name: 'Note for the store' }).fill('On the next truck');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText(`Request no. ${id} approved: the stock has moved.`).waitFor();
    assert.equal((await gateway(`/api/v1/restock-requests/${id}`)).body.status, 'APPROVED');

    const storeAfter = await level(ASKING_STORE_LOCATION);
    const warehouseAfter = await level(warehouse.id);
    assert.equal(storeAfter.on_hand - storeBefore.on_hand, RESTOCKED);
    assert.equal(warehouseBefore.on_hand - warehouseAfter.on_hand, RESTOCKED);

    // The matrix shows the move.
    await page.getByRole('tab', { name: 'Stock levels' }).click();
    await page.goto(`${CONSOLE_URL}/stock?search=${encodeURIComponent(product.sku)}`);
    await page.getByRole('button', { name: cellName(product, store, storeAfter) }).waitFor();
    await page.getByRole('button', { name: cellName(product, warehouse, warehouseAfter) }).waitFor();
    browser.assertNoConsoleErrors();
  });
});
