import { createRouter } from '@tanstack/react-router';
import { catalogueRoutes } from '../screens/catalogue/routes';
import { ordersRoutes } from '../screens/orders/routes';
import { overviewRoutes } from '../screens/overview/routes';
import { posRoutes } from '../screens/pos/routes';
import { reportsRoutes } from '../screens/reports/routes';
import { stockRoutes } from '../screens/stock/routes';
import { appRoute, rootRoute, signInRoute } from './app-route';
import { NotFound, RouteError } from './RouteFallbacks';

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    ...overviewRoutes(),
    ...posRoutes(),
    ...stockRoutes(),
    ...catalogueRoutes(),
    ...ordersRoutes(),
    ...reportsRoutes(),
  ]),
]);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  defaultErrorComponent: RouteError,
  defaultNotFoundComponent: NotFound,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
