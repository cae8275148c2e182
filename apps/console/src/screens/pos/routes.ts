import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/app-route';
import { positive } from '../../app/search-params';

/** The till is in the URL (/pos?store=1&register=2), so that each till can bookmark its own. */
export type SaleSearch = { store?: number; register?: number };
/** The sale being returned (/pos/returns?sale=ID), and the store and page of the recent sales. */
export type ReturnsSearch = { sale?: number; store?: number; offset?: number };

const validateSaleSearch = (search: Record<string, unknown>): SaleSearch => ({
  store: positive(search.store),
  register: positive(search.register),
});

const validateReturnsSearch = (search: Record<string, unknown>): ReturnsSearch => ({
  sale: positive(search.sale),
  store: positive(search.store),
  offset: positive(search.offset),
});

/** The Point of sale's routes: the sale at /pos, returns at /pos/returns (?sale=ID opens one). */
export function posRoutes() {
  return [
    createRoute({
      getParentRoute: () => appRoute,
      path: '/pos',
      validateSearch: validateSaleSearch,
      component: lazyRouteComponent(() => import('./SaleView'), 'SaleView'),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: '/pos/returns',
      validateSearch: validateReturnsSearch,
      component: lazyRouteComponent(() => import('./ReturnsView'), 'ReturnsView'),
    }),
  ];
}
