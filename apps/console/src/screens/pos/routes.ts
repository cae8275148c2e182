import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

/** The Pos screen's routes (one URL per view, so that deep links and the back button work). */
export function posRoutes(parent: AnyRoute) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/pos',
      component: lazyRouteComponent(() => import('./PosScreen'), 'PosScreen'),
    }),
  ];
}
