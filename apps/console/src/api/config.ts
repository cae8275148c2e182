/**
 * Where the gateway is. `window.__CONSOLE_CONFIG__` (written by whoever serves the app: config.js next to
 * index.html) wins; else VITE_GATEWAY_URL at build time; else the gateway's port on the host that served the page,
 * as `npm start` runs it.
 */
declare global {
  interface Window {
    // Written by a script, not by this build: each value is checked before use.
    __CONSOLE_CONFIG__?: { gatewayUrl?: unknown; currency?: unknown };
  }
}

/** A setting's value if it is text (a runtime or build-time setting of another type counts as not set). */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function gatewayUrl(): string {
  const configured = text(window.__CONSOLE_CONFIG__?.gatewayUrl) ?? text(import.meta.env.VITE_GATEWAY_URL);
  if (configured) return configured.replace(/\/$/, '');
  return `${window.location.protocol}//${window.location.hostname}:8000`;
}

/** ISO 4217 code money is shown in (EUR unless configured). */
export function currency(): string {
  return text(window.__CONSOLE_CONFIG__?.currency) ?? text(import.meta.env.VITE_CURRENCY) ?? 'EUR';
}
