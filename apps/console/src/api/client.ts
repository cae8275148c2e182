import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { reportOutcome } from '../app/gateway-status';
import { session } from '../auth/session';
import { gatewayUrl } from './config';
import { ApiError, apiErrorFrom, networkError } from './errors';
import type { paths as EcommercePaths } from './generated/ecommerce';
import type { paths as InventoryPaths } from './generated/inventory';
import type { paths as ReportingPaths } from './generated/reporting';
import type { paths as RetailPaths } from './generated/retail';
import type { paths as SagaPaths } from './generated/saga-orchestrator';

export type { components as InventoryTypes } from './generated/inventory';
export type { components as EcommerceTypes } from './generated/ecommerce';
export type { components as RetailTypes } from './generated/retail';
export type { components as ReportingTypes } from './generated/reporting';
export type { components as SagaTypes } from './generated/saga-orchestrator';

/** Every call carries the signed-in user's key; the gateway checks it (key-auth) and counts it (rate limits). */
const withApiKey: Middleware = {
  onRequest({ request }) {
    const key = session.apiKey();
    if (key) request.headers.set('X-API-Key', key);
    return request;
  },
};

function clientFor<Paths extends object>(): Client<Paths> {
  // config.js (a classic script in index.html) has run before this module: the address is known here.
  const client = createClient<Paths>({ baseUrl: gatewayUrl() });
  client.use(withApiKey);
  return client;
}

/**
 * One typed client per service, all through the gateway (their paths are the gateway's public paths). Separate
 * because two services share a path with different methods (`/api/v1/orders`: GET on ecommerce, POST on the
 * orchestrator), which one merged type could not say.
 */
export const api = {
  inventory: clientFor<InventoryPaths>(),
  ecommerce: clientFor<EcommercePaths>(),
  retail: clientFor<RetailPaths>(),
  reporting: clientFor<ReportingPaths>(),
  sagas: clientFor<SagaPaths>(),
};

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a successful answer, or an ApiError saying what went wrong. A 401 signs the user out, which brings
 * the sign-in page back. Every attempt, retries included, tells the "system down" banner whether the system answered.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    const error = cause instanceof ApiError ? cause : networkError(cause);
    reportOutcome(error);
    throw error;
  }
  if (!result.response.ok) {
    const error = apiErrorFrom(result.response.status, result.error, result.response.headers);
    reportOutcome(error);
    if (error.kind === 'unauthorized') session.signOut();
    throw error;
  }
  reportOutcome(null);
  return result.data as T;
}
