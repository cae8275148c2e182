import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/app-route';

/** The Overview screen's routes (one URL per view, so that deep links and the back button work). */
export function overviewRoutes() {
  return [
    createRoute({
      getParentRoute: () => appRoute,
      path: '/',
      component: lazyRouteComponent(() => import('./OverviewScreen'), 'OverviewScreen'),
    }),
  ];
}
