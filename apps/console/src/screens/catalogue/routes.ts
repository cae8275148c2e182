import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

/** The Catalogue screen's routes (one URL per view, so that deep links and the back button work). */
export function catalogueRoutes(parent: AnyRoute) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/catalogue',
      component: lazyRouteComponent(() => import('./CatalogueScreen'), 'CatalogueScreen'),
    }),
  ];
}
