import { Group, Select, Table, Text } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SAGA_STATUSES, type SagaStatus, useSagas } from '../../api/hooks/sagas';
import { formatDateTime, formatDuration } from '../../lib/format';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { PathLink, useGo } from '../catalogue/navigation';
import { OrdersLayout } from './OrdersLayout';
import { describeFailure } from './reason';
import type { SagaSearch } from './routes';
import { StatusBadge } from './StatusBadge';

const PAGE_SIZE = 20;

/** Every order-processing saga, newest first, filtered by status: where an operator finds the stuck ones. */
export function SagasView() {
  const { t, i18n } = useTranslation('orders');
  const search = useSearch({ strict: false }) as SagaSearch;
  const navigate = useGo();
  const offset = search.offset ?? 0;
  const sagas = useSagas({ limit: PAGE_SIZE, offset, status: search.status });

  return (
    <OrdersLayout>
      <Group align="flex-end" mb="md">
        <Select
          label={t('sagas.status')}
          data={[
            { value: '', label: t('sagas.allStatuses') },
            ...SAGA_STATUSES.map((status) => ({ value: status, label: t(`sagaStatus.${status}`) })),
          ]}
          value={search.status ?? ''}
          onChange={(value) =>
            void navigate({
              to: '/orders/sagas',
              search: { status: (value || undefined) as SagaStatus | undefined },
              replace: true,
            })
          }
          allowDeselect={false}
          w={{ base: '100%', sm: 260 }}
        />
      </Group>
      <QueryState query={sagas} isEmpty={(page) => page.data.length === 0} empty={t('sagas.empty')}>
        {(page) => (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sagas.columns.saga')}</Table.Th>
                    <Table.Th>{t('sagas.columns.customer')}</Table.Th>
                    <Table.Th>{t('sagas.columns.status')}</Table.Th>
                    <Table.Th>{t('sagas.columns.order')}</Table.Th>
                    <Table.Th ta="right">{t('sagas.columns.duration')}</Table.Th>
                    <Table.Th>{t('sagas.columns.reason')}</Table.Th>
                    <Table.Th>{t('sagas.columns.started')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.map((saga) => (
                    <Table.Tr key={saga.saga_id}>
                      <Table.Td>
                        <PathLink
                          to={`/orders/sagas/${saga.saga_id}`}
                          ff="monospace"
                          aria-label={t('sagas.open', { id: saga.saga_id })}
                        >
                          {saga.saga_id.slice(0, 8)}
                        </PathLink>
                      </Table.Td>
                      <Table.Td>{saga.customer_id}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={saga.status} label={t(`sagaStatus.${saga.status}`)} />
                      </Table.Td>
                      <Table.Td>{saga.order_id ? `#${saga.order_id}` : t('timeline.none')}</Table.Td>
                      <Table.Td ta="right">{formatDuration(saga.duration, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {saga.failure_reason ? describeFailure(t, saga.failure_reason) : t('timeline.none')}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatDateTime(saga.created_at, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager
              total={page.total}
              limit={PAGE_SIZE}
              offset={offset}
              onChange={(next) => void navigate({ to: '/orders/sagas', search: { ...search, offset: next || undefined } })}
            />
          </>
        )}
      </QueryState>
    </OrdersLayout>
  );
}
