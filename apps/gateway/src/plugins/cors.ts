/**
 * Kong 3.9's cors plugin (kong/plugins/cors/handler.lua): preflights answered by the gateway, the
 * Access-Control-* headers added to every other response. Header lists are computed once per distinct
 * Origin and cached, since they depend on nothing else.
 */
export interface CorsConfig {
  origins?: string[];
  headers?: string[];
  exposed_headers?: string[];
  methods: string[];
  max_age?: number;
  credentials: boolean;
  private_network: boolean;
  preflight_continue: boolean;
  allow_origin_absent: boolean;
}

type AllowedOrigin = { regex: RegExp; byHost: boolean } | { domain: string };

interface NormalizedOrigin {
  domain: string;
  host: string;
}

const CACHE_LIMIT = 1000;
const LITERAL_ORIGIN = /^[A-Za-z0-9.:/-]+$/;

function normalizeOrigin(origin: string): NormalizedOrigin {
  try {
    const url = new URL(origin);
    // WHATWG URL already drops the scheme's default port, as Kong does.
    if (url.hostname) return { domain: `${url.protocol}//${url.host}`, host: url.hostname };
  } catch {
    // not a URL ("null", a bare host): compared as written
  }
  return { domain: origin, host: origin };
}

export class Cors {
  readonly preflightContinue: boolean;
  private readonly allowAll: boolean;
  private readonly singleLiteral?: string;
  private readonly wildcardListed: boolean;
  private readonly allowed: AllowedOrigin[] = [];
  private readonly responseCache = new Map<string, string[]>();
  private readonly preflightCache = new Map<string, string[]>();

  constructor(private readonly config: CorsConfig) {
    const origins = config.origins ?? [];
    this.preflightContinue = config.preflight_continue;
    this.allowAll = origins.length === 0 || (origins.length === 1 && origins[0] === '*');
    if (origins.length === 1 && LITERAL_ORIGIN.test(origins[0])) this.singleLiteral = origins[0];
    this.wildcardListed = origins.includes('*');
    for (let entry of origins) {
      if (!/[^A-Za-z0-9.:/-]/.test(entry)) {
        this.allowed.push({ domain: normalizeOrigin(entry).domain });
        continue;
      }
      // As Kong: a regex is anchored at both ends whether or not the operator wrote ^ and $.
      const byHost = !entry.includes(':');
      if (!entry.endsWith('$')) entry += '$';
      if (entry.startsWith('^')) entry = entry.slice(1);
      this.allowed.push({ regex: new RegExp(`^(?:${entry})`), byHost });
    }
  }

  /** Access-Control-Allow-Origin (and Vary); returns whether every origin is allowed ("*"). */
  private origin(requestOrigin: string | undefined, out: string[]): boolean {
    if (this.allowAll) {
      out.push('Access-Control-Allow-Origin', '*');
      return true;
    }
    out.push('Vary', 'Origin');
    if (this.singleLiteral !== undefined) {
      out.push('Access-Control-Allow-Origin', this.singleLiteral);
      return false;
    }
    if (requestOrigin === undefined) return false;
    if (this.wildcardListed) {
      out.push('Access-Control-Allow-Origin', '*');
      return true;
    }
    const normalized = normalizeOrigin(requestOrigin);
    for (const allowed of this.allowed) {
      const found =
        'regex' in allowed
          ? allowed.regex.test(allowed.byHost ? normalized.host : normalized.domain)
          : allowed.domain === normalized.domain;
      if (found) {
        out.push('Access-Control-Allow-Origin', normalized.domain);
        return false;
      }
    }
    return false;
  }

  private credentials(allowAll: boolean, requestOrigin: string | undefined, out: string[]): void {
    if (!this.config.credentials) return;
    if (!allowAll) {
      out.push('Access-Control-Allow-Credentials', 'true');
      return;
    }
    // "*" cannot go with credentials: echo the caller's origin instead.
    if (requestOrigin !== undefined) {
      const index = out.indexOf('Access-Control-Allow-Origin');
      if (index >= 0) out.splice(index, 2);
      out.push('Vary', 'Origin', 'Access-Control-Allow-Origin', requestOrigin, 'Access-Control-Allow-Credentials', 'true');
    }
  }

  /** Headers Kong adds to a response that is not a preflight (the upstream's own ACAO/ACAC/ACEH are replaced). */
  responseHeaders(requestOrigin: string | undefined): string[] {
    const key = requestOrigin ?? '';
    let out = this.responseCache.get(key);
    if (out) return out;
    out = [];
    if (requestOrigin !== undefined || this.config.allow_origin_absent) {
      this.credentials(this.origin(requestOrigin, out), requestOrigin, out);
      if (this.config.exposed_headers?.length) out.push('Access-Control-Expose-Headers', this.config.exposed_headers.join(','));
    }
    return remember(this.responseCache, key, out);
  }

  /** The gateway's answer to a preflight (OPTIONS with Origin and Access-Control-Request-Method). */
  preflightHeaders(requestOrigin: string, requestHeaders: string | undefined, privateNetwork: boolean): string[] {
    const key = `${requestOrigin}\n${requestHeaders ?? ''}\n${privateNetwork}`;
    let out = this.preflightCache.get(key);
    if (out) return out;
    out = [];
    this.credentials(this.origin(requestOrigin, out), requestOrigin, out);
    if (this.config.headers?.length) out.push('Access-Control-Allow-Headers', this.config.headers.join(','));
    else if (requestHeaders !== undefined) out.push('Access-Control-Allow-Headers', requestHeaders);
    out.push('Access-Control-Allow-Methods', this.config.methods.join(','));
    if (this.config.max_age !== undefined) out.push('Access-Control-Max-Age', String(this.config.max_age));
    if (this.config.private_network && privateNetwork) out.push('Access-Control-Allow-Private-Network', 'true');
    return remember(this.preflightCache, key, out);
  }
}

function remember(cache: Map<string, string[]>, key: string, value: string[]): string[] {
  // Origins come from clients: cap the cache rather than let it grow without bound.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}
