import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/app-route';
import { validateReportSearch } from './search';

/**
 * The Reports screen's routes: one URL per view (/reports/sales, /performance, /trends, /inventory), the period
 * and filters in the search params, so that a link reproduces what was on screen.
 */
export function reportsRoutes() {
  const reports = createRoute({
    getParentRoute: () => appRoute,
    path: '/reports',
    validateSearch: validateReportSearch,
    component: lazyRouteComponent(() => import('./ReportsScreen'), 'ReportsScreen'),
  });
  const index = createRoute({
    getParentRoute: () => reports,
    path: '/',
    beforeLoad: ({ search }) => {
      throw redirect({ to: '/reports/sales', search, replace: true });
    },
  });
  const sales = createRoute({
    getParentRoute: () => reports,
    path: 'sales',
    component: lazyRouteComponent(() => import('./SalesView'), 'SalesView'),
  });
  const performance = createRoute({
    getParentRoute: () => reports,
    path: 'performance',
    component: lazyRouteComponent(() => import('./PerformanceView'), 'PerformanceView'),
  });
  const trends = createRoute({
    getParentRoute: () => reports,
    path: 'trends',
    component: lazyRouteComponent(() => import('./TrendsView'), 'TrendsView'),
  });
  const inventory = createRoute({
    getParentRoute: () => reports,
    path: 'inventory',
    component: lazyRouteComponent(() => import('./InventoryView'), 'InventoryView'),
  });
  return [reports.addChildren([index, sales, performance, trends, inventory])];
}
