/**
 * Where the gateway is. `window.__CONSOLE_CONFIG__` (written by whoever serves the app: config.js next to
 * index.html) wins; else VITE_GATEWAY_URL at build time; else the gateway's port on the host that served the page,
 * as `npm start` runs it.
 */
declare global {
  interface Window {
    __CONSOLE_CONFIG__?: { gatewayUrl?: string; currency?: string };
  }
}

export function gatewayUrl(): string {
  const configured = window.__CONSOLE_CONFIG__?.gatewayUrl ?? import.meta.env.VITE_GATEWAY_URL;
  if (configured) return configured.replace(/\/$/, '');
  return `${window.location.protocol}//${window.location.hostname}:8000`;
}

/** ISO 4217 code money is shown in (EUR unless configured). */
export function currency(): string {
  return window.__CONSOLE_CONFIG__?.currency ?? import.meta.env.VITE_CURRENCY ?? 'EUR';
}
