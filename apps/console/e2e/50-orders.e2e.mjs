import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAccessible, gateway, openConsole, screenshot, signIn, eventually } from './browser.mjs';

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

/** Fills the new-order form: customer, product 5 (Green tea) × 1, an address, a payment method. */
async function fillOrder(page, { customer, payment }) {
  await page.getByRole('textbox', { name: 'Customer ID' }).fill(String(customer));
  await page.getByRole('combobox', { name: 'Product' }).fill('BEV-TEA-25');
  await page.getByRole('option', { name: /Green tea, 25 bags/ }).click();
  await page.getByRole('textbox', { name: 'Shipping address' }).fill('12 rue de la Paix\n75002 Paris');
  if (payment) {
    await page.getByRole('combobox', { name: 'Payment method' }).click();
    await page.getByRole('option', { name: payment }).click();
  }
}

const stepsOf = (page) => page.getByRole('region', { name: 'Steps' }).getByRole('listitem');
const compensationsOf = (page) => page.getByRole('region', { name: /Compensations/ }).getByRole('listitem');

describe('orders', () => {
  let browser;
  let customer;
  before(async () => {
    browser = await openConsole();
    // A customer of its own: its orders are only this test's, whatever the others place meanwhile.
    customer = (
      await gateway('/api/v1/customers', {
        method: 'POST',
        body: { name: `E2E buyer ${stamp}`, email: `buyer.${stamp}@example.com` },
      })
    ).body;
  });
  after(() => browser.close());

  it("places customer 123's order and follows its timeline to COMPLETED", async () => {
    const { page } = browser;
    await signIn(page, undefined, '/orders/new?customer=123');
    await page.getByText('Nathan Laurent (nathan.laurent@example.com)').waitFor();
    await fillOrder(page, { customer: 123 });
    await page.getByText('Total €3.10').waitFor();
    await assertAccessible(page, 'the new-order form');
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/orders\/sagas\/[0-9a-f-]{36}$/);
    await page.getByText('Completed', { exact: true }).waitFor({ timeout: 30_000 });
    const steps = await stepsOf(page).allTextContents();
    assert.equal(steps.length, 5);
    ['Check stock', 'Reserve stock', 'Create order', 'Take payment', 'Confirm order'].forEach((name, index) =>
      assert.match(steps[index], new RegExp(`^${name}Success`)),
    );
    assert.equal(await page.getByRole('region', { name: /Compensations/ }).count(), 0);
    const sagaId = page.url().split('/').pop();
    const saga = (await gateway(`/api/v1/sagas/${sagaId}`)).body;
    assert.equal(saga.status, 'COMPLETED');
    assert.deepEqual(saga.products, [{ product_id: 5, quantity: 1 }]);
    await screenshot(page, 'orders-timeline');
    await assertAccessible(page, 'the saga timeline');
  });

  it("shows customer 99999's order undone: COMPENSATED with RELEASE_STOCK", async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'New order' }).click();
    await page.waitForURL(/\/orders\/new/);
    await fillOrder(page, { customer: 99999 });
    await page.getByText('No customer has this ID').waitFor();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/sagas\/[0-9a-f-]{36}$/);
    await page.getByText('Compensated (undone)', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByText('Create order failed: no customer has this ID').waitFor();
    const compensations = await compensationsOf(page).allTextContents();
    assert.deepEqual(
      compensations.map((text) => text.match(/^(Release stock|Cancel order|Refund payment)Success/)?.[1]),
      ['Release stock'],
    );
    const steps = await stepsOf(page).allTextContents();
    assert.match(steps[2], /^Create orderFailed/);
    assert.match(steps[3], /^Take paymentNot run/);
  });

  it('shows a declined payment COMPENSATED with its reason, CANCEL_ORDER and RELEASE_STOCK; a double click places one order', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'New order' }).click();
    await page.waitForURL(/\/orders\/new/);
    await fillOrder(page, { customer: customer.id, payment: /Declined card/ });
    await page.getByText(`E2E buyer ${stamp}`).waitFor();
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await page.waitForURL(/\/orders\/sagas\/[0-9a-f-]{36}$/);
    await page.getByText('Compensated (undone)', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByText('Take payment failed: the card was declined').waitFor();
    const compensations = await compensationsOf(page).allTextContents();
    assert.match(compensations[0], /^Cancel orderSuccess/);
    assert.match(compensations[1], /^Release stockSuccess/);
    assert.equal(compensations.length, 2);
    await assertAccessible(page, 'a compensated saga');

    const sagas = (await gateway(`/api/v1/sagas?customer_id=${customer.id}`)).body;
    assert.equal(sagas.total, 1, 'one order for one submitted form');
  });

  it('lists the orders filtered by status', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Orders' }).click();
    await page.waitForURL(/\/orders$/);
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Cancelled' }).click();
    await page.waitForURL(/status=CANCELLED/);
    await page.getByRole('textbox', { name: 'Customer ID' }).fill(String(customer.id));
    await page.waitForURL(new RegExp(`customer=${customer.id}`));
    const rows = page.getByRole('table').getByRole('row');
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1);
    await eventually(async () =>
      assert.match(
        await rows.nth(1).textContent(),
        /Cancelled.*€3\.10.*Declined card.*Take payment failed: the card was declined/,
      ),
    );

    await page.getByRole('textbox', { name: 'Customer ID' }).fill('');
    await page.waitForURL((url) => !url.search.includes('customer='));
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Confirmed' }).click();
    await page.waitForURL(/status=CONFIRMED/);
    await page.getByRole('cell', { name: 'Confirmed', exact: true }).first().waitFor();
    const statuses = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    assert.ok(statuses.length > 0 && statuses.every((status) => status === 'Confirmed'), statuses.join());
    await screenshot(page, 'orders');
    await assertAccessible(page, 'the orders list');

    await page.getByRole('tab', { name: 'Order processing' }).click();
    await page.waitForURL(/\/orders\/sagas$/);
    await page.getByRole('table').waitFor();
    await assertAccessible(page, 'the order-processing list');
  });

  it('creates a customer, and refuses a second one with the same email on its field', async () => {
    const { page } = browser;
    const email = `camille.${stamp}@example.com`;
    await page.getByRole('tab', { name: 'Customers' }).click();
    await page.waitForURL(/\/orders\/customers/);
    await page.getByRole('button', { name: 'New customer' }).click();
    let dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(`Camille ${stamp}`);
    await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Camille ${stamp} is a customer now.` })
      .waitFor();
    await page.getByLabel('Search by name or email').fill(stamp);
    await page.waitForURL(new RegExp(`search=${stamp}`));
    await page.getByRole('cell', { name: email, exact: true }).waitFor();
    await screenshot(page, 'orders-customers');
    await assertAccessible(page, 'the customers list');

    await page.getByRole('button', { name: 'New customer' }).click();
    dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(`Camille twin ${stamp}`);
    await dialog.getByRole('textbox', { name: 'Email' }).fill(email.toUpperCase());
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText('Another customer already has this email.').waitFor();
    assert.equal(await dialog.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid'), 'true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Its "New order" link opens the form for it.
    await page.getByRole('link', { name: `New order for Camille ${stamp}` }).click();
    await page.waitForURL(/\/orders\/new\?customer=\d+/);
    await page.getByText(`Camille ${stamp} (${email})`).waitFor();
    browser.assertNoConsoleErrors();
  });
});
