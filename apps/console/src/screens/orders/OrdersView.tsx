import { Group, NumberInput } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ORDER_STATUSES, useOrders } from '../../api/hooks/orders';
import { formatDateTime } from '../../lib/format';
import { AnchorLink } from '../../ui/AnchorLink';
import { FilterSelect } from '../../ui/FilterSelect';
import { Money } from '../../ui/Money';
import { PagedTable } from '../../ui/PagedTable';
import { OrdersLayout } from './OrdersLayout';
import { describeFailure } from './reason';
import type { OrderSearch } from './routes';
import { StatusBadge } from './StatusBadge';

const PAGE_SIZE = 20;
const SAGA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The online orders, newest first, filtered by status and customer (in the URL). */
export function OrdersView() {
  const { t, i18n } = useTranslation('orders');
  const search = useSearch({ from: '/app/orders' });
  const navigate = useNavigate();
  const setSearch = (change: Partial<OrderSearch>) =>
    void navigate({ to: '/orders', search: { ...search, offset: undefined, ...change }, replace: true });
  const offset = search.offset ?? 0;
  const orders = useOrders({ limit: PAGE_SIZE, offset, status: search.status, customer_id: search.customer });

  return (
    <OrdersLayout>
      <Group align="flex-end" mb="md">
        <FilterSelect
          label={t('list.status')}
          all={t('list.allStatuses')}
          options={ORDER_STATUSES.map((status) => ({ value: status, label: t(`orderStatus.${status}`) }))}
          value={search.status}
          onChange={(status) => setSearch({ status })}
          w={{ base: '100%', sm: 200 }}
        />
        <NumberInput
          label={t('list.customer')}
          value={search.customer ?? ''}
          onChange={(value) => setSearch({ customer: typeof value === 'number' && value > 0 ? value : undefined })}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          hideControls
          w={{ base: '100%', sm: 140 }}
        />
      </Group>
      <PagedTable
        query={orders}
        empty={t('list.empty')}
        limit={PAGE_SIZE}
        offset={offset}
        onPage={(next) => setSearch({ offset: next || undefined })}
        minWidth={900}
        rowKey={(order) => order.id}
        columns={[
          { header: t('list.columns.id'), cell: (order) => `#${order.id}` },
          { header: t('list.columns.customer'), cell: (order) => order.customer_id },
          {
            header: t('list.columns.status'),
            cell: (order) => <StatusBadge status={order.status} label={t(`orderStatus.${order.status}`)} />,
          },
          { header: t('list.columns.total'), numeric: true, cell: (order) => <Money amount={order.total} /> },
          { header: t('list.columns.payment'), cell: (order) => t(`payment.${order.payment_method}`) },
          { header: t('list.columns.created'), cell: (order) => formatDateTime(order.created_at, i18n.language) },
          {
            header: t('list.columns.reason'),
            cell: (order) => (order.cancel_reason ? describeFailure(t, order.cancel_reason) : t('timeline.none')),
          },
          {
            header: t('list.columns.saga'),
            // The demo history's orders were not placed by a saga (their saga_id is not a UUID).
            cell: (order) =>
              SAGA_ID.test(order.saga_id) ? (
                <AnchorLink
                  to="/orders/sagas/$sagaId"
                  params={{ sagaId: order.saga_id }}
                  aria-label={t('list.timelineOf', { id: order.id })}
                >
                  {t('list.timeline')}
                </AnchorLink>
              ) : (
                t('timeline.none')
              ),
          },
        ]}
      />
    </OrdersLayout>
  );
}
