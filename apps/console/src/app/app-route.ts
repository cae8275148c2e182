import { createRootRoute, createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { session } from '../auth/session';
import { Root } from './Root';

// The routes every screen hangs from, in a module of their own: each screen's routes.ts imports `appRoute` as its
// parent (a concrete route, so that search params and links stay typed) and app/routes.ts assembles the tree.
export const rootRoute = createRootRoute({ component: Root });

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: typeof search.redirect === 'string' && search.redirect.startsWith('/') ? search.redirect : undefined,
  }),
  component: lazyRouteComponent(() => import('./SignIn'), 'SignIn'),
});

/** Every screen is behind the sign-in; each is its own chunk, loaded when first opened. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: ({ location }) => {
    if (!session.apiKey()) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
  },
  component: lazyRouteComponent(() => import('./Shell'), 'Shell'),
});
