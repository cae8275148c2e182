import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAccessible, gateway, openConsole, screenshot, signIn } from './browser.mjs';

// Unique per run: other tests (and other runs) share the catalogue.
const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`.toUpperCase();
const SKU = `E2E-${stamp}`;
const NAME = `E2E tea ${stamp}`;
const CATEGORY = `E2E category ${stamp}`;

describe('catalogue', () => {
  let browser;
  before(async () => (browser = await openConsole()));
  after(async () => {
    await browser.close();
    // Leave the categories list as it was (the product itself cannot be deleted, only deactivated).
    const { body } = await gateway('/api/v1/categories?limit=100');
    for (const category of body.data.filter((c) => c.name.startsWith(`E2E category ${stamp}`))) {
      await gateway(`/api/v1/categories/${category.id}`, { method: 'DELETE' });
    }
  });

  const productBySku = async () => (await gateway(`/api/v1/products?search=${SKU}`)).body.data.find((p) => p.sku === SKU);

  it('lists the products, searchable by SKU in the URL', async () => {
    const { page } = browser;
    await signIn(page, undefined, '/catalogue');
    await page.waitForURL(/\/catalogue\/products/);
    await page.getByRole('cell', { name: 'BEV-COLA-33', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Products', selected: true }).waitFor();
    await screenshot(page, 'catalogue');
    await assertAccessible(page, 'the products list');

    await page.getByLabel('Search by name or SKU').fill('BEV-COLA');
    await page.waitForURL(/search=BEV-COLA/);
    await page.getByRole('cell', { name: 'BEV-COLA-33', exact: true }).waitFor();
    assert.equal(await page.getByRole('cell', { name: 'SNK-', exact: true }).count(), 0);
  });

  it('creates a product with a unique SKU, then edits it', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'New product' }).click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.getByRole('textbox', { name: 'SKU' }).fill(SKU);
    await dialog.getByRole('textbox', { name: 'Price' }).fill('4,5');
    await dialog.getByRole('textbox', { name: 'Name' }).fill(NAME);
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Made by the console e2e test');
    await dialog.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: 'Snacks' }).click();
    await screenshot(page, 'catalogue-product-form');
    await assertAccessible(page, 'the product form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${NAME} is saved.` })
      .waitFor();
    const created = await productBySku();
    assert.equal(created.price, '4.50');
    assert.equal(created.category_id, 2);

    await page.getByLabel('Search by name or SKU').fill(SKU);
    await page.getByRole('cell', { name: SKU, exact: true }).waitFor();
    await page.getByRole('button', { name: `Edit ${NAME}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit product ${SKU}` });
    await edit.getByRole('textbox', { name: 'Name' }).fill(`${NAME} (edited)`);
    await edit.getByRole('textbox', { name: 'Price' }).fill('5.25');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: `${NAME} (edited)`, exact: true }).waitFor();
    const edited = await productBySku();
    assert.equal(edited.name, `${NAME} (edited)`);
    assert.equal(edited.price, '5.25');
  });

  it("shows the API's refusal of a duplicate SKU on the SKU field", async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'New product' }).click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.getByRole('textbox', { name: 'SKU' }).fill('BEV-COLA-33');
    await dialog.getByRole('textbox', { name: 'Price' }).fill('1');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Another cola');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const sku = dialog.getByRole('textbox', { name: 'SKU' });
    await page.waitForFunction(() => document.querySelector('[role=dialog] input[aria-invalid=true]') !== null, undefined, {
      timeout: 10_000,
    });
    assert.match(await dialog.getByText('This SKU is already used by another product.').textContent(), /already used/);
    assert.equal(await sku.getAttribute('aria-invalid'), 'true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('deactivates the product after asking', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: `Deactivate ${NAME} (edited)` }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate this product?' });
    await confirm.getByText(`${NAME} (edited) (${SKU}) will no longer be sold`).waitFor();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('status').filter({ hasText: 'is deactivated.' }).waitFor();
    assert.equal((await productBySku()).active, false);
    await page
      .getByRole('row', { name: new RegExp(SKU) })
      .getByText('Inactive')
      .waitFor();
    assert.equal(await page.getByRole('button', { name: `Deactivate ${NAME} (edited)` }).isDisabled(), true);
  });

  it('refuses to delete a category that products use, saying why; deletes an unused one', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Categories' }).click();
    await page.waitForURL(/\/catalogue\/categories/);
    await page.getByRole('button', { name: 'Delete Beverages' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this category?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm
      .getByRole('alert')
      .filter({ hasText: /Beverages cannot be deleted: \d+ products use it/ })
      .waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await assertAccessible(page, 'the categories list');

    await page.getByRole('button', { name: 'New category' }).click();
    const form = page.getByRole('dialog', { name: 'New category' });
    await form.getByRole('textbox', { name: 'Name' }).fill(CATEGORY);
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: CATEGORY, exact: true }).waitFor();
    await page.getByRole('button', { name: `Delete ${CATEGORY}` }).click();
    await page.getByRole('dialog', { name: 'Delete this category?' }).getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${CATEGORY} is deleted.` })
      .waitFor();
    assert.equal(await page.getByRole('cell', { name: CATEGORY, exact: true }).count(), 0);
  });

  it('lists the suppliers', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Suppliers' }).click();
    await page.waitForURL(/\/catalogue\/suppliers/);
    await page.getByRole('cell', { name: 'Boissons de France', exact: true }).waitFor();
    await assertAccessible(page, 'the suppliers list');
    browser.assertNoConsoleErrors();
  });
});
