// What every console e2e file shares: Chromium (Debian's, through playwright-core), signing in, screenshots for
// docs/console, axe's accessibility check, and direct calls to the gateway to set up or verify what the page did.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CONSOLE_URL = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080';
export const GATEWAY_URL = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8000';
export const ADMIN_KEY = 'admin-key-12345';
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/console');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A browser and a page on the console. `errors` collects what the page's console reported as errors and uncaught
 * exceptions: a test ends with `assertNoConsoleErrors()` (an API error the page shows is not a console error).
 */
export async function openConsole({ viewport = { width: 1280, height: 860 }, locale = 'en-GB' } = {}) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    // The browser itself logs every failed load (a 4xx/5xx answer, a refused connection); the page shows those.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource: ')) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    browser,
    context,
    page,
    errors,
    assertNoConsoleErrors: () => assert.deepEqual(errors, [], 'errors in the browser console'),
    close: () => browser.close(),
  };
}

export async function signIn(page, key = ADMIN_KEY, path = '/') {
  await page.goto(`${CONSOLE_URL}${path}`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A screenshot of the page as it is, into docs/console/<name>.png (the README shows them). */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The viewport, not the full page: Mantine's fixed header would be drawn mid-page in a full-page capture
  // (scroll the part to show into view first).
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** axe-core on the page: no serious or critical violation. */
export async function assertAccessible(page, what) {
  // A dialog fading out or a button's press animation is half transparent: axe would measure its contrast mid-way.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  );
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const severe = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  assert.deepEqual(
    severe.map(
      (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    ),
    [],
    `accessibility of ${what}`,
  );
}

/** A call to the gateway with the admin key, to set up or check what the console did. */
export async function gateway(path, { method = 'GET', body, key = ADMIN_KEY, headers = {} } = {}) {
  const response = await fetch(`${GATEWAY_URL}${path}`, {
    method,
    headers: { 'X-API-Key': key, ...(body && { 'content-type': 'application/json' }), ...headers },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/**
 * Retries an assertion until it holds or the time is up (then its last failure is thrown): what the page shows
 * settles after its data arrives, and playwright-core has no auto-retrying `expect`.
 */
export async function eventually(assertion, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
