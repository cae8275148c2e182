import { RouteDef, ServiceDef } from '../src/config/model';
import { Router } from '../src/proxy/router';
import { KONG_YML } from './gateway-test-kit';
import { loadKongConfig } from '../src';

const service = (name: string): ServiceDef =>
  ({ id: name, name, host: `${name}-upstream`, port: 80, retries: 5 }) as unknown as ServiceDef;

let index = 0;
const route = (name: string, paths: string[], extra: Partial<RouteDef> = {}): { def: RouteDef } => ({
  def: {
    id: name,
    name,
    service: service(name),
    paths,
    stripPath: false,
    preserveHost: false,
    regexPriority: 0,
    index: index++,
    ...extra,
  },
});

const answer = (router: Router<{ def: RouteDef }>, method: string, path: string) => router.match(method, path)?.route.def.name;

describe(Router.name, () => {
  describe('match', () => {
    it('prefers a route with methods and paths to one with paths only, whatever their order and path kinds', () => {
      // Kong 3.x: routes with more attributes (methods + paths) are tried before routes with fewer (paths).
      const router = new Router([
        route('any-method', ['/api/v1/orders']),
        route('post-only', ['~/api/v1/orders$'], { methods: ['POST'] }),
      ]);
      expect(answer(router, 'POST', '/api/v1/orders')).toBe('post-only');
      expect(answer(router, 'GET', '/api/v1/orders')).toBe('any-method');
      expect(answer(router, 'POST', '/api/v1/orders/7/cancel')).toBe('any-method');
      expect(answer(router, 'POST', '/api/v1/ordersx')).toBe('any-method');
    });

    it('prefers the methods route even over a longer plain prefix without methods', () => {
      const router = new Router([
        route('long-prefix', ['/api/v1/orders/']),
        route('post', ['/api/v1/orders'], { methods: ['POST'] }),
      ]);
      expect(answer(router, 'POST', '/api/v1/orders/1')).toBe('post');
      expect(answer(router, 'GET', '/api/v1/orders/1')).toBe('long-prefix');
    });

    it('among routes with the same attributes, tries regex paths first, then the longest prefix', () => {
      const router = new Router([
        route('short', ['/api/v1/customers']),
        route('regex', ['~/api/v1/customers/[^/]+/order-processing$']),
        route('long', ['/api/v1/customers/123']),
      ]);
      expect(answer(router, 'POST', '/api/v1/customers/123/order-processing')).toBe('regex');
      expect(answer(router, 'GET', '/api/v1/customers/123/orders')).toBe('long');
      expect(answer(router, 'GET', '/api/v1/customers/9')).toBe('short');
    });
  });

  describe('with kong/kong.yml', () => {
    const config = loadKongConfig(KONG_YML);
    const router = new Router(config.routes.map((def) => ({ def })));
    const serviceOf = (method: string, path: string) => router.match(method, path)?.route.def.service.name;

    it('sends POST /api/v1/orders to the orchestrator and every other orders request to ecommerce', () => {
      expect(serviceOf('POST', '/api/v1/orders')).toBe('saga-orchestrator');
      expect(serviceOf('GET', '/api/v1/orders')).toBe('ecommerce');
      expect(serviceOf('GET', '/api/v1/orders/5')).toBe('ecommerce');
      expect(serviceOf('POST', '/api/v1/orders/5')).toBe('ecommerce');
      expect(serviceOf('OPTIONS', '/api/v1/orders')).toBe('ecommerce');
    });

    it('sends GET /api/v1/health to the orchestrator, and nothing else under it', () => {
      expect(serviceOf('GET', '/api/v1/health')).toBe('saga-orchestrator');
      expect(serviceOf('GET', '/api/v1/healthz')).toBeUndefined();
      expect(serviceOf('GET', '/health')).toBeUndefined();
    });
  });
});
