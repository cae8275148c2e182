import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CONSOLE_URL, assertAccessible, openConsole, screenshot, signIn, eventually } from './browser.mjs';

const DAY_MS = 24 * 3600 * 1000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

/** RFC 4180 rows (quoted fields, doubled quotes), as lib/csv.ts writes them. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  return rows;
}

/** "€3,479.55" or "1,252" as the table shows it → "3479.55" / "1252", to compare with the CSV's raw value. */
const plain = (text) => text.replace(/[^\d.-]/g, '');

/**
 * Exports the table of `region` and checks the file against what the table shows: the same headers, and the
 * first rows' cells (texts as they are, numbers and money by their digits).
 */
async function checkCsvExport(page, region, { rows = 2 } = {}) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    region.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
  const headers = (await region.getByRole('columnheader').allInnerTexts()).map((text) => text.replace(/[▲▼]/g, '').trim());
  assert.deepEqual(csv[0], headers, 'the CSV header is the table header');
  const tableRows = region.getByRole('row');
  for (let r = 1; r <= rows; r++) {
    const cells = (await tableRows.nth(r).getByRole('cell').allInnerTexts()).map((text) => text.trim());
    assert.equal(csv[r].length, cells.length);
    cells.forEach((cell, c) => {
      const value = csv[r][c];
      const what = `row ${r}, ${csv[0][c]}`;
      if (value === '') assert.match(cell, /^(—)?$/, what);
      else if (/^\d{4}-\d{2}-\d{2}/.test(value) || cell.endsWith('%'))
        return; // dates and rates in the reader's format
      else if (/^-?\d+(\.\d+)?$/.test(value)) assert.equal(Number(plain(cell)), Number(value), what);
      else assert.equal(cell, value, what);
    });
  }
  return csv;
}

describe('reports', () => {
  let browser;
  before(async () => (browser = await openConsole()));
  after(() => browser.close());

  it('sales: charts and tables over the period in the URL; each table exports what it shows', async () => {
    const { page } = browser;
    const from = day(-13);
    const to = day(0);
    await signIn(page, undefined, `/reports/sales?from=${from}&to=${to}`);
    await page.waitForURL(/\/reports\/sales/);
    const byDay = page.getByRole('region', { name: 'Revenue by day' });
    await byDay.locator('svg.recharts-surface').first().waitFor();
    await byDay.locator('.recharts-area-area').first().waitFor();
    await page.getByRole('region', { name: 'Revenue by store (in store)' }).locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByRole('region', { name: 'Revenue by category' }).locator('.recharts-bar-rectangle').first().waitFor();

    const stores = page.getByRole('region', { name: 'Sales by store' });
    await stores.getByRole('row').nth(1).waitFor();
    await page.getByRole('region', { name: 'Sales by day' }).getByRole('row').nth(1).waitFor();
    await screenshot(page, 'reports-sales'); // before the exports scroll the page
    const csv = await checkCsvExport(page, stores);
    assert.equal(csv[0][0], 'Store');
    const days = page.getByRole('region', { name: 'Sales by day' });
    assert.equal((await checkCsvExport(page, days, { rows: 1 }))[1][0], from, 'the period of the URL, first day first');
    await checkCsvExport(page, page.getByRole('region', { name: 'Sales by product' }));

    await assertAccessible(page, 'the sales report');
    browser.assertNoConsoleErrors();
  });

  it('sales: a new period goes into the URL (checked first), and the presets too', async () => {
    const { page } = browser;
    await page.getByRole('textbox', { name: 'From', exact: true }).fill(day(-2));
    await page.getByRole('textbox', { name: 'To', exact: true }).fill(day(-5));
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('The first day must not be after the last.').waitFor();
    assert.match(page.url(), new RegExp(`from=${day(-13)}`), 'a refused period stays out of the URL');

    await page.getByRole('textbox', { name: 'To', exact: true }).fill(day(-1));
    await page.getByRole('textbox', { name: 'To', exact: true }).press('Enter');
    await page.waitForURL(new RegExp(`from=${day(-2)}&to=${day(-1)}`));
    const days = page.getByRole('region', { name: 'Sales by day' });
    await days.getByText('1–2 of 2').waitFor();

    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.waitForURL(new RegExp(`from=${day(-6)}&to=${day(0)}`));
    await days.getByText('1–7 of 7').waitFor();
    await eventually(async () =>
      assert.equal(await page.getByRole('textbox', { name: 'From', exact: true }).inputValue(), day(-6)),
    );

    await page.goBack();
    await page.waitForURL(new RegExp(`from=${day(-2)}&to=${day(-1)}`));
    await days.getByText('1–2 of 2').waitFor();
    await eventually(async () =>
      assert.equal(await page.getByRole('textbox', { name: 'From', exact: true }).inputValue(), day(-2)),
    );

    // The channel filter: in the URL as well.
    await page.getByText('Online', { exact: true }).click();
    await page.waitForURL(/channel=online/);
    browser.assertNoConsoleErrors();
  });

  it('store performance: the ranking as bars and as a table, exported', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Report views' }).getByRole('link', { name: 'Store performance' }).click();
    await page.waitForURL(/\/reports\/performance\?/);
    assert.match(page.url(), new RegExp(`from=${day(-2)}`), 'the period follows from view to view');
    await page.getByRole('region', { name: 'Stores ranked by net revenue' }).locator('.recharts-bar-rectangle').first().waitFor();
    const table = page.getByRole('region', { name: 'Store performance' });
    await table.getByRole('row').nth(1).waitFor();
    const csv = await checkCsvExport(page, table);
    assert.deepEqual(csv[0].slice(0, 3), ['Rank', 'Store', 'Net revenue']);
    assert.equal(csv[1][0], '1');
    await assertAccessible(page, 'the performance report');
    browser.assertNoConsoleErrors();
  });

  it('trends: the series, its moving average and the forecast named as the API names it', async () => {
    const { page } = browser;
    await page.goto(`${CONSOLE_URL}/reports/trends?from=${day(-29)}&to=${day(0)}`);
    const chart = page.getByRole('region', { name: 'Net revenue by day, moving average and forecast' });
    await chart.locator('svg.recharts-surface').first().waitFor();
    await chart.locator('.recharts-area-area').first().waitFor();
    await eventually(async () =>
      assert.ok((await chart.locator('.recharts-line-curve').count()) >= 2, 'the moving average and the forecast lines'),
    );
    await chart.getByText('Forecast (trailing_mean)').waitFor();
    await chart.getByText('Moving average (7 days)').waitFor();
    const series = page.getByRole('region', { name: 'Daily series' });
    await series.getByRole('row').nth(1).waitFor();
    await screenshot(page, 'reports-trends'); // before the exports scroll the page
    const csv = await checkCsvExport(page, series);
    assert.deepEqual(csv[0], [
      'Date',
      'Net revenue',
      'Moving average (7 days)',
      'Change vs 7 days before',
      'Change vs 7 days before (%)',
    ]);
    assert.equal(csv[1][0], day(-29));
    await checkCsvExport(page, page.getByRole('region', { name: 'Forecast (trailing_mean)' }), { rows: 1 });
    await assertAccessible(page, 'the trends report');

    await page.getByRole('combobox', { name: 'Metric' }).click();
    await page.getByRole('option', { name: 'Transactions' }).click();
    await page.waitForURL(/metric=transactions/);
    await page.getByRole('region', { name: 'Transactions by day, moving average and forecast' }).waitFor();
    browser.assertNoConsoleErrors();
  });

  it('inventory: stock value by location, low stock and the stock levels paged by the API', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Report views' }).getByRole('link', { name: 'Inventory' }).click();
    await page.waitForURL(/\/reports\/inventory/);
    await page.getByRole('region', { name: 'Stock value by location' }).locator('.recharts-bar-rectangle').first().waitFor();
    const locations = page.getByRole('region', { name: 'Stock by location' });
    await locations.getByRole('row').nth(1).waitFor();
    await checkCsvExport(page, locations);
    const levels = page.getByRole('region', { name: 'Stock levels' });
    await levels.getByText(/^1–20 of \d+$/).waitFor();
    await levels.getByRole('button', { name: '2', exact: true }).click();
    await page.waitForURL(/offset=20/);
    await levels.getByText(/^21–40 of \d+$/).waitFor();
    await checkCsvExport(page, levels);
    await page.getByLabel('Only levels at or below their reorder level').check();
    await page.waitForURL(/low_stock_only=true/);
    assert.doesNotMatch(page.url(), /offset=/, 'a new filter starts at the first page');
    await assertAccessible(page, 'the inventory report');
    browser.assertNoConsoleErrors();
  });

  it('speaks French', async () => {
    const { page } = browser;
    await page.goto(`${CONSOLE_URL}/reports/sales?from=${day(-6)}&to=${day(0)}`);
    await page.getByText('Français', { exact: true }).click();
    await page.getByRole('heading', { name: 'Rapports' }).waitFor();
    await page.getByRole('region', { name: "Chiffre d'affaires par jour" }).locator('svg.recharts-surface').first().waitFor();
    await page.getByRole('region', { name: 'Ventes par magasin' }).getByRole('button', { name: 'Exporter en CSV' }).waitFor();
    await page.getByRole('button', { name: 'Appliquer' }).waitFor();
    const text = await page.locator('main').innerText();
    for (const english of ['Revenue', 'Sales by', 'Apply', 'Last 7 days', 'Net revenue', 'All stores']) {
      assert.ok(!text.includes(english), `"${english}" left in the French reports`);
    }
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    browser.assertNoConsoleErrors();
  });
});
