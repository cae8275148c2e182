import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONSOLE_URL, assertAccessible, openConsole, screenshot, signIn } from './browser.mjs';

describe('sign in', () => {
  let browser;
  before(async () => (browser = await openConsole()));
  after(() => browser.close());

  it('refuses a wrong key on its field, and keeps the user on the sign-in page', async () => {
    const { page } = browser;
    await page.goto(`${CONSOLE_URL}/stock`);
    await page.waitForURL(/\/sign-in/);
    await assertAccessible(page, 'the sign-in page');
    await screenshot(page, 'sign-in');

    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByText('This API key is not valid.').waitFor();
    assert.match(page.url(), /\/sign-in/);
  });

  it('lets the right key in, back to the page asked for, and out again', async () => {
    const { page } = browser;
    await signIn(page, 'admin-key-12345', '/stock');
    await page.waitForURL(/\/stock$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${CONSOLE_URL}/`);
    await page.waitForURL(/\/sign-in/);
    browser.assertNoConsoleErrors();
  });

  it('switches to French and remembers it', async () => {
    const { page } = browser;
    await signIn(page);
    await page.getByText('Français', { exact: true }).click(); // the segmented control's label
    await page.getByRole('navigation').getByRole('link', { name: 'Point de vente' }).waitFor();
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: "Vue d'ensemble" }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor();
    browser.assertNoConsoleErrors();
  });
});
