import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/app-route';
import { oneOf, positive, searchText } from '../../app/search-params';
import { ORDER_STATUSES, type OrderStatus } from '../../api/hooks/orders';
import { SAGA_STATUSES, type SagaStatus } from '../../api/hooks/sagas';

export type OrderSearch = { status?: OrderStatus; customer?: number; offset?: number };
type SagaSearch = { status?: SagaStatus; offset?: number };
type CustomerSearch = { search?: string; offset?: number };
type NewOrderSearch = { customer?: number };

const validateOrderSearch = (search: Record<string, unknown>): OrderSearch => ({
  status: oneOf(ORDER_STATUSES, search.status),
  customer: positive(search.customer),
  offset: positive(search.offset),
});
const validateSagaSearch = (search: Record<string, unknown>): SagaSearch => ({
  status: oneOf(SAGA_STATUSES, search.status),
  offset: positive(search.offset),
});
const validateCustomerSearch = (search: Record<string, unknown>): CustomerSearch => ({
  search: searchText(search.search),
  offset: positive(search.offset),
});

/** The Orders screen's routes (one URL per view, so that deep links and the back button work). */
export function ordersRoutes() {
  return [
    createRoute({
      getParentRoute: () => appRoute,
      path: '/orders',
      validateSearch: validateOrderSearch,
      component: lazyRouteComponent(() => import('./OrdersView'), 'OrdersView'),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: '/orders/sagas',
      validateSearch: validateSagaSearch,
      component: lazyRouteComponent(() => import('./SagasView'), 'SagasView'),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: '/orders/sagas/$sagaId',
      component: lazyRouteComponent(() => import('./SagaTimelineView'), 'SagaTimelineView'),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: '/orders/customers',
      validateSearch: validateCustomerSearch,
      component: lazyRouteComponent(() => import('./CustomersView'), 'CustomersView'),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: '/orders/new',
      validateSearch: (search: Record<string, unknown>): NewOrderSearch => ({ customer: positive(search.customer) }),
      component: lazyRouteComponent(() => import('./NewOrderView'), 'NewOrderView'),
    }),
  ];
}
