import { RouteDef } from '../config/model';

interface PathEntry<R> {
  route: R;
  methods?: ReadonlySet<string>;
  prefix?: string;
  regex?: RegExp;
  /** Kong 3.x priority, compared field by field: attribute count, regex first, regex_priority, prefix length. */
  weight: number;
  regexBit: number;
  regexPriority: number;
  length: number;
  index: number;
}

export interface RouteMatch<R> {
  route: R;
  /** The part of the path the route matched (what strip_path removes). */
  matched: string;
}

/**
 * Kong's route selection for the attributes the local gateway supports (paths, methods): routes with more
 * attributes first, then regex paths (by regex_priority) before plain prefixes (longest first), then file
 * order. Compiled once; a request costs one linear scan of prefix comparisons.
 */
export class Router<R extends { def: RouteDef }> {
  private readonly entries: Array<PathEntry<R>> = [];

  constructor(routes: readonly R[]) {
    for (const route of routes) {
      const { def } = route;
      const methods = def.methods ? new Set(def.methods) : undefined;
      const weight = 1 + (methods ? 1 : 0);
      for (const path of def.paths) {
        const isRegex = path.startsWith('~');
        this.entries.push({
          route,
          methods,
          // Kong anchors regex paths at the start of the path.
          regex: isRegex ? new RegExp(`^(?:${path.slice(1)})`) : undefined,
          prefix: isRegex ? undefined : path,
          weight,
          regexBit: isRegex ? 1 : 0,
          regexPriority: isRegex ? def.regexPriority : 0,
          length: isRegex ? 0 : path.length,
          index: def.index,
        });
      }
    }
    this.entries.sort(
      (a, b) =>
        b.weight - a.weight ||
        b.regexBit - a.regexBit ||
        b.regexPriority - a.regexPriority ||
        b.length - a.length ||
        a.index - b.index,
    );
  }

  match(method: string, path: string): RouteMatch<R> | undefined {
    for (const entry of this.entries) {
      if (entry.methods && !entry.methods.has(method)) continue;
      if (entry.prefix !== undefined) {
        if (path.startsWith(entry.prefix)) return { route: entry.route, matched: entry.prefix };
      } else {
        const found = entry.regex!.exec(path);
        if (found) return { route: entry.route, matched: found[0] };
      }
    }
    return undefined;
  }
}

const UNRESERVED_ESCAPE = /%(2[dDeE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;

/**
 * The path Kong matches routes against: percent-escapes of unreserved characters decoded and dot segments
 * removed (RFC 3986 §6.2.2), so `/api/v1/%70roducts` and `/api/v1/x/../products` reach the products route.
 * The path sent upstream is the client's, unchanged.
 */
export function normalizePath(path: string): string {
  if (path.indexOf('%') === -1 && path.indexOf('/.') === -1) return path;
  const decoded = path.replace(UNRESERVED_ESCAPE, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
  if (decoded.indexOf('/.') === -1) return decoded;
  const output: string[] = [];
  const segments = decoded.split('/');
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === '..') output.pop();
    else if (segment !== '.') output.push(segment);
    if ((segment === '.' || segment === '..') && i === segments.length - 1) output.push('');
  }
  return '/' + output.join('/');
}

/** Kong's `path_handling: v0` join of the service path and what is left of the request path. */
export function upstreamPath(servicePath: string | undefined, requestPath: string, matched: string, stripPath: boolean): string {
  const rest = stripPath ? requestPath.slice(matched.length) : requestPath;
  if (!servicePath || servicePath === '/') return rest.startsWith('/') ? rest : `/${rest}`;
  if (rest === '' || rest === '/') return rest === '/' && !servicePath.endsWith('/') ? `${servicePath}/` : servicePath;
  if (servicePath.endsWith('/') && rest.startsWith('/')) return servicePath + rest.slice(1);
  return rest.startsWith('/') ? servicePath + rest : `${servicePath}/${rest}`;
}
