import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

/** The Stock screen's routes (one URL per view, so that deep links and the back button work). */
export function stockRoutes(parent: AnyRoute) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/stock',
      component: lazyRouteComponent(() => import('./StockScreen'), 'StockScreen'),
    }),
  ];
}
