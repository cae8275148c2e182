import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

/** The Orders screen's routes (one URL per view, so that deep links and the back button work). */
export function ordersRoutes(parent: AnyRoute) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/orders',
      component: lazyRouteComponent(() => import('./OrdersScreen'), 'OrdersScreen'),
    }),
  ];
}
