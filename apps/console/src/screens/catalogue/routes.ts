import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { redirectTo } from './navigation';
import { appRoute } from '../../app/app-route';

export type ProductSearch = { search?: string; category?: number; active?: 'true' | 'false'; offset?: number };
export type PageSearch = { offset?: number };

const positive = (value: unknown) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
};
const offsetOf = (value: unknown) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
};

export function validateProductSearch(search: Record<string, unknown>): ProductSearch {
  return {
    search: typeof search.search === 'string' && search.search.trim() !== '' ? search.search.slice(0, 100) : undefined,
    category: positive(search.category),
    active:
      search.active === 'true' || search.active === true
        ? 'true'
        : search.active === 'false' || search.active === false
          ? 'false'
          : undefined,
    offset: offsetOf(search.offset),
  };
}

export const validatePageSearch = (search: Record<string, unknown>): PageSearch => ({ offset: offsetOf(search.offset) });

/** The Catalogue screen's routes: one URL per tab (products, categories, suppliers), so that links and Back work. */
export function catalogueRoutes() {
  return [
    createRoute({
      getParentRoute: () => appRoute,
      path: '/catalogue',
      beforeLoad: () => {
        redirectTo('/catalogue/products');
      },
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: '/catalogue/products',
      validateSearch: validateProductSearch,
      component: lazyRouteComponent(() => import('./ProductsView'), 'ProductsView'),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: '/catalogue/categories',
      validateSearch: validatePageSearch,
      component: lazyRouteComponent(() => import('./CategoriesView'), 'CategoriesView'),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: '/catalogue/suppliers',
      validateSearch: validatePageSearch,
      component: lazyRouteComponent(() => import('./SuppliersView'), 'SuppliersView'),
    }),
  ];
}
