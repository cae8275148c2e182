import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONSOLE_URL, GATEWAY_URL, assertAccessible, gateway, openConsole, screenshot, signIn } from './browser.mjs';

// The development consumer with the smaller limit (500 a minute): no other test signs in with it.
const FRONTEND_KEY = 'frontend-key-67890';

describe('errors a person can act on', () => {
  let browser;
  before(async () => (browser = await openConsole()));
  after(() => browser.close());

  it('says when the gateway does not answer, and recovers by itself when it does', async () => {
    const { page } = browser;
    await signIn(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor();
    // As the browser sees a gateway that is down: every call to it refused.
    await page.route(`${GATEWAY_URL}/**`, (route) => route.abort('connectionrefused'));
    await page.reload();

    const banner = page.getByRole('alert').filter({ hasText: 'The gateway or a service is not answering' }).first();
    await banner.waitFor();
    await screenshot(page, 'error-gateway-down');
    await assertAccessible(page, 'the gateway-down banner');

    await page.unroute(`${GATEWAY_URL}/**`);
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    browser.assertNoConsoleErrors();
  });

  it("shows a 400's problem on the field the API names", async () => {
    const { page } = browser;
    await page.goto(`${CONSOLE_URL}/catalogue/products`);
    await page.getByRole('button', { name: 'New product' }).click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.getByRole('textbox', { name: 'SKU' }).fill(`E2E-400-${Date.now()}`);
    await dialog.getByRole('textbox', { name: 'Price' }).fill('3.20');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Refused by the API');
    // The form checks what the API checks, so the API's own 400 is reached by changing the request on its way:
    // a name of spaces, which the real inventory service refuses naming `name`.
    await page.route(`${GATEWAY_URL}/api/v1/products`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), name: '   ' }) });
    });
    await dialog.getByRole('button', { name: 'Save' }).click();

    await dialog.getByText('name must not be empty or only spaces').waitFor();
    assert.equal(await dialog.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid'), 'true');
    await page.unroute(`${GATEWAY_URL}/api/v1/products`);
    await screenshot(page, 'error-field');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    browser.assertNoConsoleErrors();
  });

  it('says how long to wait when the rate limit is reached (429 with Retry-After)', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await signIn(page, FRONTEND_KEY);
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor();

    // Use up the rest of this minute's allowance. The window is the wall-clock minute: when it was used up
    // with too little of it left for the page to load and show the alert, wait for the next one and use
    // that up instead.
    let limited = await useUpAllowance();
    if (Number(limited.headers.get('retry-after')) < 30) {
      await new Promise((resolve) => setTimeout(resolve, (Number(limited.headers.get('retry-after')) + 1) * 1000));
      limited = await useUpAllowance();
    }

    await page.reload();
    const alert = page
      .getByRole('alert')
      .filter({ hasText: /Rate limited: too many requests\. Retry in \d+ s\./ })
      .first();
    await alert.waitFor();
    await screenshot(page, 'error-rate-limited');
    browser.assertNoConsoleErrors();
  });
});

/**
 * Calls the gateway with the front end's key until it answers 429. The key has 500 a minute (kong/kong.yml); the
 * calls may straddle the minute's end, when a new 500 begins: hence up to two windows' worth and some.
 */
async function useUpAllowance() {
  for (let call = 0; call < 1200; call++) {
    const answer = await gateway('/api/v1/stores?limit=1', { key: FRONTEND_KEY });
    if (answer.status === 429) {
      assert.match(answer.headers.get('retry-after') ?? '', /^\d+$/);
      return answer;
    }
  }
  assert.fail('the gateway never answered 429');
}
