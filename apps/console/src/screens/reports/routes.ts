import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

/** The Reports screen's routes (one URL per view, so that deep links and the back button work). */
export function reportsRoutes(parent: AnyRoute) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/reports',
      component: lazyRouteComponent(() => import('./ReportsScreen'), 'ReportsScreen'),
    }),
  ];
}
