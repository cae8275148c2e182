import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONSOLE_URL, assertAccessible, gateway, openConsole, screenshot, signIn, eventually } from './browser.mjs';

// Demo product 3 at store 1 (its stock room is location 2), register 1: other e2e files use other products.
const PRODUCT_ID = 3;
const STORE_ID = 1;
const REGISTER_ID = 1;
const SOLD = 2;

async function onHandAtStore(locationId) {
  const { body } = await gateway(`/api/v1/stock?product_id=${PRODUCT_ID}&location_id=${locationId}`);
  return body.data[0]?.on_hand ?? 0;
}

describe('point of sale', () => {
  let browser;
  let product;
  let store;
  let saleId;
  let onHandBefore;

  before(async () => {
    product = (await gateway(`/api/v1/products/${PRODUCT_ID}`)).body;
    store = (await gateway(`/api/v1/stores/${STORE_ID}`)).body;
    assert.equal(product.active, true, 'demo product 3 is on sale');
    // Enough units at the store for the sale to come out of (the till does not check stock; inventory does).
    onHandBefore = await onHandAtStore(store.location_id);
    if (onHandBefore < 10) {
      await gateway(`/api/v1/stock/${PRODUCT_ID}`, { method: 'PUT', body: { location_id: store.location_id, quantity: 50 } });
      onHandBefore = await onHandAtStore(store.location_id);
    }
    browser = await openConsole();
    await signIn(browser.page, undefined, `/pos?store=${STORE_ID}&register=${REGISTER_ID}`);
  });
  after(() => browser.close());

  it('records a sale from a scanned SKU, shows the receipt, and the store’s stock falls by the quantity sold', async () => {
    const { page } = browser;
    await page.waitForURL(/\/pos\?/);
    const finder = page.getByRole('textbox', { name: 'Product name or SKU' });
    await finder.waitFor();
    await page.getByRole('combobox', { name: 'Register' }).waitFor();
    await eventually(async () => assert.equal(await page.getByRole('combobox', { name: 'Store' }).inputValue(), store.name));

    // A name fragment lists the matches to pick from.
    await finder.fill(product.name.split(' ')[0]);
    await finder.press('Enter');
    await page.getByRole('button', { name: `Add ${product.name}` }).click();
    const quantity = page.getByRole('textbox', { name: `Quantity of ${product.name}` });
    await eventually(async () => assert.equal(await quantity.inputValue(), '1'));

    // The exact SKU (as a scanner types it, then Enter) goes straight in: the same product counts up.
    await finder.fill(product.sku.toLowerCase());
    await finder.press('Enter');
    await page.getByText(`${product.name} added to the basket.`).waitFor();
    await page.waitForFunction(
      (name) => document.querySelector(`input[aria-label="Quantity of ${name}"]`)?.value === '2',
      product.name,
    );
    await page.getByRole('button', { name: `One more ${product.name}` }).click();
    await page.getByRole('button', { name: `One fewer ${product.name}` }).click();
    await eventually(async () => assert.equal(await quantity.inputValue(), String(SOLD)));
    const total = ((Number(product.price) * 100 * SOLD) / 100).toFixed(2);
    assert.match(await page.getByTestId('basket-total').innerText(), new RegExp(total.replace('.', '\\.')));

    await assertAccessible(page, 'the point of sale with a basket');
    await screenshot(page, 'pos');

    await page.getByRole('button', { name: 'Record sale' }).click();
    const receipt = page.getByRole('region', { name: 'Receipt' });
    await receipt.waitFor();
    const title = await receipt.getByText(/^Sale no\. \d+$/).innerText();
    saleId = Number(title.replace(/\D/g, ''));
    const sale = (await gateway(`/api/v1/sales/${saleId}`)).body;
    assert.equal(sale.store_id, STORE_ID);
    assert.equal(sale.register_id, REGISTER_ID);
    assert.deepEqual(
      sale.lines.map((line) => [line.product_id, line.quantity]),
      [[PRODUCT_ID, SOLD]],
    );
    await receipt.getByText(product.name).waitFor();
    await page.getByRole('button', { name: 'Print' }).waitFor();
    await assertAccessible(page, 'the receipt');
    await screenshot(page, 'pos-receipt');

    // A new basket after the receipt.
    await page.getByRole('button', { name: 'New sale' }).click();
    await page.getByText('The basket is empty: find a product to add it.').waitFor();

    // The sale reaches inventory through the outbox: the Stock screen shows the store's on hand fall by what was sold.
    const expected = onHandBefore - SOLD;
    const cell = page.getByRole('button', { name: new RegExp(`^${product.name} at ${store.name}: on hand ${expected},`) });
    const deadline = Date.now() + 20_000;
    for (;;) {
      await page.goto(`${CONSOLE_URL}/stock?search=${encodeURIComponent(product.sku)}&location=${store.location_id}`);
      await page.getByRole('table', { name: 'Stock levels' }).waitFor();
      try {
        await cell.waitFor({ timeout: 2000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    browser.assertNoConsoleErrors();
  });

  it('takes back at most what was sold: the form refuses more before sending, then records the return', async () => {
    const { page } = browser;
    await page.goto(`${CONSOLE_URL}/pos/returns?sale=${saleId}`);
    await page.getByRole('heading', { name: `Sale no. ${saleId}` }).waitFor();
    const toReturn = page.getByRole('textbox', { name: `Units of ${product.name} to return` });

    await toReturn.fill(String(SOLD + 3));
    await page.getByText(`At most ${SOLD} can be returned.`).waitFor();
    await page.getByRole('button', { name: 'Record return' }).click();
    await page.waitForTimeout(500);
    assert.equal((await gateway(`/api/v1/returns?sale_id=${saleId}`)).body.total, 0, 'nothing was sent');

    await toReturn.fill('1');
    await page.getByRole('textbox', { name: 'Reason' }).fill('Damaged packaging');
    await page.getByRole('button', { name: 'Record return' }).click();
    const recorded = page.getByRole('status').filter({ hasText: /Return no\. \d+ recorded/ });
    await recorded.waitFor();
    assert.match(await recorded.innerText(), new RegExp(`Refund to give: .*${product.price.replace('.', '\\.')}`));

    const returns = (await gateway(`/api/v1/returns?sale_id=${saleId}`)).body;
    assert.equal(returns.total, 1);
    assert.deepEqual(returns.data[0].lines, [{ product_id: PRODUCT_ID, quantity: 1, refund: product.price }]);
    assert.equal(returns.data[0].reason, 'Damaged packaging');
    // What is left to return is now one unit.
    await page.getByRole('heading', { name: 'Returns of this sale' }).waitFor();
    await toReturn.fill(String(SOLD));
    await page.getByText(`At most ${SOLD - 1} can be returned.`).waitFor();
    await toReturn.fill('0');

    await assertAccessible(page, 'returns');
    await screenshot(page, 'pos-returns');
    browser.assertNoConsoleErrors();
  });

  it('fits a tablet: the basket and the Record sale button are in view at 800 × 1100', async () => {
    const tablet = await openConsole({ viewport: { width: 800, height: 1100 } });
    try {
      const { page } = tablet;
      await signIn(page, undefined, `/pos?store=${STORE_ID}&register=${REGISTER_ID}`);
      const finder = page.getByRole('textbox', { name: 'Product name or SKU' });
      await finder.fill(product.sku);
      await finder.press('Enter');
      await page.getByRole('textbox', { name: `Quantity of ${product.name}` }).waitFor();
      for (const locator of [page.getByRole('heading', { name: 'Basket' }), page.getByRole('button', { name: 'Record sale' })]) {
        const box = await locator.boundingBox();
        assert.ok(box && box.y >= 0 && box.y + box.height <= 1100 && box.x + box.width <= 800, 'in view without scrolling');
      }
      assert.equal(await page.getByRole('button', { name: 'Record sale' }).isEnabled(), true);
      await screenshot(page, 'pos-tablet');
      tablet.assertNoConsoleErrors();
    } finally {
      await tablet.close();
    }
  });
});
