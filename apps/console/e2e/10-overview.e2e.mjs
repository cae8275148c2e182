import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAccessible, gateway, openConsole, screenshot, signIn, eventually } from './browser.mjs';

// A FAILED saga cannot be made on purpose (it needs a compensation that cannot complete): the attention list's
// reaction is checked with the orchestrator's answer replaced by one holding a FAILED saga.
const FAILED_SAGA = {
  saga_id: '0b7e2f44-7c1d-4b7a-9a55-3f1f2d9c0e11',
  customer_id: 123,
  status: 'FAILED',
  created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
  updated_at: new Date(Date.now() - 4 * 60_000).toISOString(),
  duration: 60,
  order_id: 987654,
  failure_reason: 'CONFIRM_ORDER refused after payment: order cancelled',
};

describe('overview', () => {
  let browser;
  before(async () => (browser = await openConsole()));
  after(() => browser.close());

  it('shows this week’s revenue per store, in store and online, with the time of the last refresh', async () => {
    const { page } = browser;
    const stores = (await gateway('/api/v1/stores?limit=100')).body.data;
    await signIn(page);
    const revenue = page.getByRole('region', { name: 'Revenue per store' });
    await revenue.locator('svg.recharts-surface').first().waitFor();
    // The chart's bars are drawn from the same rows the table under it lists.
    await eventually(async () => assert.ok((await revenue.locator('.recharts-bar-rectangle').count()) > 0, 'bars in the chart'));
    await revenue.getByRole('cell', { name: stores[0].name, exact: true }).waitFor();
    await revenue.getByRole('cell', { name: 'Online', exact: true }).waitFor();
    assert.match(await page.getByRole('status').filter({ hasText: 'Updated at' }).innerText(), /Updated at \d{1,2}:\d{2}:\d{2}/);
    await page.getByText('Today', { exact: true }).first().waitFor();
    await page.getByRole('region', { name: 'Top products this week' }).getByRole('cell').first().waitFor();

    await revenue.getByText('Today', { exact: true }).click(); // the period of the chart
    await revenue.getByText('This week', { exact: true }).click();
    await revenue.getByRole('cell', { name: stores[0].name, exact: true }).waitFor();

    const lowStock = page.getByRole('region', { name: 'Low-stock alerts' });
    await lowStock.getByRole('link', { name: 'Open Stock' }).waitFor();
    assert.equal(await lowStock.getByRole('link', { name: 'Open Stock' }).getAttribute('href'), '/stock');

    await screenshot(page, 'overview');
    await assertAccessible(page, 'the overview');
    browser.assertNoConsoleErrors();
  });

  it('lists the orders needing attention, linked to their saga timeline, and says when there are none', async () => {
    const { page } = browser;
    const failed = (await gateway('/api/v1/sagas?status=FAILED&limit=1')).body;
    const attention = page.getByRole('region', { name: 'Orders needing attention' });
    if (failed.total === 0) {
      // Nothing really failed: unless a saga is running for long right now, the list says so.
      await attention
        .getByText(/No order needs attention|Running for long/)
        .first()
        .waitFor();
    }

    await page.route('**/api/v1/sagas?*status=FAILED*', (route) =>
      route.fulfill({ json: { data: [FAILED_SAGA], total: 1, limit: 20, offset: 0 } }),
    );
    await page.getByRole('button', { name: 'Refresh' }).click();
    const link = attention.getByRole('link', { name: 'Order #987654' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/orders/sagas/${FAILED_SAGA.saga_id}`);
    await attention.getByText('CONFIRM_ORDER refused after payment: order cancelled').waitFor();
    await attention.getByText('Failed', { exact: true }).waitFor();
    assert.match(await attention.innerText(), /asked 5 min \d+ s ago/);
    const card = page.getByText('Orders needing attention', { exact: true }).first();
    await card.waitFor();
    await page.unroute('**/api/v1/sagas?*status=FAILED*');
    browser.assertNoConsoleErrors();
  });

  it('speaks French', async () => {
    const { page } = browser;
    await page.getByText('Français', { exact: true }).click();
    await page.getByRole('heading', { name: "Vue d'ensemble" }).waitFor();
    const revenue = page.getByRole('region', { name: "Chiffre d'affaires par magasin" });
    await revenue.getByRole('cell', { name: 'En ligne', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Commandes à surveiller' }).waitFor();
    await page.getByRole('region', { name: 'Alertes de stock bas' }).getByRole('link', { name: 'Ouvrir le stock' }).waitFor();
    assert.match(
      await page.getByRole('status').filter({ hasText: 'Mis à jour à' }).innerText(),
      /Mis à jour à \d{2}:\d{2}:\d{2}/,
    );
    const text = await page.locator('main').innerText();
    for (const english of ['Revenue per store', 'This week', 'Top products', 'Updated at', 'In store', 'Low stock']) {
      assert.ok(!text.includes(english), `"${english}" left in the French overview`);
    }
    await screenshot(page, 'overview-fr');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    browser.assertNoConsoleErrors();
  });
});
