import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { session } from '../auth/session';
import { catalogueRoutes } from '../screens/catalogue/routes';
import { ordersRoutes } from '../screens/orders/routes';
import { overviewRoutes } from '../screens/overview/routes';
import { posRoutes } from '../screens/pos/routes';
import { reportsRoutes } from '../screens/reports/routes';
import { stockRoutes } from '../screens/stock/routes';
import { Root } from './Root';

export const rootRoute = createRootRoute({ component: Root });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: typeof search.redirect === 'string' && search.redirect.startsWith('/') ? search.redirect : undefined,
  }),
  component: lazyRouteComponent(() => import('./SignIn'), 'SignIn'),
});

/** Every screen is behind the sign-in; each is its own chunk, loaded when first opened. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: ({ location }) => {
    if (!session.apiKey()) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
  },
  component: lazyRouteComponent(() => import('./Shell'), 'Shell'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    ...overviewRoutes(appRoute),
    ...posRoutes(appRoute),
    ...stockRoutes(appRoute),
    ...catalogueRoutes(appRoute),
    ...ordersRoutes(appRoute),
    ...reportsRoutes(appRoute),
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
