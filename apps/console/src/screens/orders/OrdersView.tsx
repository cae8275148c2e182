import { Group, NumberInput, Select, Table } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ORDER_STATUSES, type OrderStatus, useOrders } from '../../api/hooks/orders';
import { formatDateTime } from '../../lib/format';
import { Money } from '../../ui/Money';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { PathLink, useGo } from '../catalogue/navigation';
import { OrdersLayout } from './OrdersLayout';
import { describeFailure } from './reason';
import type { OrderSearch } from './routes';
import { StatusBadge } from './StatusBadge';

const PAGE_SIZE = 20;
const SAGA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The online orders, newest first, filtered by status and customer (in the URL). */
export function OrdersView() {
  const { t, i18n } = useTranslation('orders');
  const search = useSearch({ strict: false }) as OrderSearch;
  const navigate = useGo();
  const setSearch = (change: Partial<OrderSearch>) =>
    void navigate({ to: '/orders', search: { ...search, offset: undefined, ...change }, replace: true });
  const offset = search.offset ?? 0;
  const orders = useOrders({ limit: PAGE_SIZE, offset, status: search.status, customer_id: search.customer });

  return (
    <OrdersLayout>
      <Group align="flex-end" mb="md">
        <Select
          label={t('list.status')}
          data={[
            { value: '', label: t('list.allStatuses') },
            ...ORDER_STATUSES.map((status) => ({ value: status, label: t(`orderStatus.${status}`) })),
          ]}
          value={search.status ?? ''}
          onChange={(value) => setSearch({ status: (value || undefined) as OrderStatus | undefined })}
          allowDeselect={false}
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
      <QueryState query={orders} isEmpty={(page) => page.data.length === 0} empty={t('list.empty')}>
        {(page) => (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('list.columns.id')}</Table.Th>
                    <Table.Th>{t('list.columns.customer')}</Table.Th>
                    <Table.Th>{t('list.columns.status')}</Table.Th>
                    <Table.Th ta="right">{t('list.columns.total')}</Table.Th>
                    <Table.Th>{t('list.columns.payment')}</Table.Th>
                    <Table.Th>{t('list.columns.created')}</Table.Th>
                    <Table.Th>{t('list.columns.reason')}</Table.Th>
                    <Table.Th>{t('list.columns.saga')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.map((order) => (
                    <Table.Tr key={order.id}>
                      <Table.Td>#{order.id}</Table.Td>
                      <Table.Td>{order.customer_id}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={order.status} label={t(`orderStatus.${order.status}`)} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Money amount={order.total} />
                      </Table.Td>
                      <Table.Td>{t(`payment.${order.payment_method}`)}</Table.Td>
                      <Table.Td>{formatDateTime(order.created_at, i18n.language)}</Table.Td>
                      <Table.Td>{order.cancel_reason ? describeFailure(t, order.cancel_reason) : t('timeline.none')}</Table.Td>
                      <Table.Td>
                        {/* The demo history's orders were not placed by a saga (their saga_id is not a UUID). */}
                        {SAGA_ID.test(order.saga_id) ? (
                          <PathLink to={`/orders/sagas/${order.saga_id}`} aria-label={t('list.timelineOf', { id: order.id })}>
                            {t('list.timeline')}
                          </PathLink>
                        ) : (
                          t('timeline.none')
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager
              total={page.total}
              limit={PAGE_SIZE}
              offset={offset}
              onChange={(next) => setSearch({ offset: next || undefined })}
            />
          </>
        )}
      </QueryState>
    </OrdersLayout>
  );
}
