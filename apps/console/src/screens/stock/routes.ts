import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/app-route';
import { on, oneOf, positive, searchText } from '../../app/search-params';

/** The matrix's filters and page, in the URL so that a link shows the same view. */
export type StockSearch = { search?: string; low?: boolean; location?: number; offset?: number };
export const RESTOCK_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'ALL'] as const;
export type RestockSearch = { status?: (typeof RESTOCK_STATUSES)[number]; offset?: number };

const validateStockSearch = (search: Record<string, unknown>): StockSearch => ({
  search: searchText(search.search),
  low: on(search.low),
  location: positive(search.location),
  offset: positive(search.offset),
});

const validateRestockSearch = (search: Record<string, unknown>): RestockSearch => ({
  status: oneOf(RESTOCK_STATUSES, search.status),
  offset: positive(search.offset),
});

/** The Stock screen's routes: the levels at /stock, the restock requests at /stock/restock. */
export function stockRoutes() {
  return [
    createRoute({
      getParentRoute: () => appRoute,
      path: '/stock',
      validateSearch: validateStockSearch,
      component: lazyRouteComponent(() => import('./StockView'), 'StockView'),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: '/stock/restock',
      validateSearch: validateRestockSearch,
      component: lazyRouteComponent(() => import('./RestockView'), 'RestockView'),
    }),
  ];
}
