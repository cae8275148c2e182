import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/app-route';
import { positive, searchText } from '../../app/search-params';

export type ProductSearch = { search?: string; category?: number; active?: 'true' | 'false'; offset?: number };
type PageSearch = { offset?: number };

function validateProductSearch(search: Record<string, unknown>): ProductSearch {
  return {
    search: searchText(search.search),
    category: positive(search.category),
    active:
      search.active === 'true' || search.active === true
        ? 'true'
        : search.active === 'false' || search.active === false
          ? 'false'
          : undefined,
    offset: positive(search.offset),
  };
}

const validatePageSearch = (search: Record<string, unknown>): PageSearch => ({ offset: positive(search.offset) });

/** The Catalogue screen's routes: one URL per tab (products, categories, suppliers), so that links and Back work. */
export function catalogueRoutes() {
  return [
    createRoute({
      getParentRoute: () => appRoute,
      path: '/catalogue',
      beforeLoad: () => {
        throw redirect({ to: '/catalogue/products', replace: true });
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
