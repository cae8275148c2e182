import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

/** The Overview screen's routes (one URL per view, so that deep links and the back button work). */
export function overviewRoutes(parent: AnyRoute) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/',
      component: lazyRouteComponent(() => import('./OverviewScreen'), 'OverviewScreen'),
    }),
  ];
}
