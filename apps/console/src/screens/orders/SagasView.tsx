import { Group, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SAGA_STATUSES, useSagas } from '../../api/hooks/sagas';
import { formatDateTime, formatDuration } from '../../lib/format';
import { AnchorLink } from '../../ui/AnchorLink';
import { FilterSelect } from '../../ui/FilterSelect';
import { PagedTable } from '../../ui/PagedTable';
import { OrdersLayout } from './OrdersLayout';
import { describeFailure } from './reason';
import { StatusBadge } from './StatusBadge';

const PAGE_SIZE = 20;

/** Every order-processing saga, newest first, filtered by status: where an operator finds the stuck ones. */
export function SagasView() {
  const { t, i18n } = useTranslation('orders');
  const search = useSearch({ from: '/app/orders/sagas' });
  const navigate = useNavigate();
  const offset = search.offset ?? 0;
  const sagas = useSagas({ limit: PAGE_SIZE, offset, status: search.status });

  return (
    <OrdersLayout>
      <Group align="flex-end" mb="md">
        <FilterSelect
          label={t('sagas.status')}
          all={t('sagas.allStatuses')}
          options={SAGA_STATUSES.map((status) => ({ value: status, label: t(`sagaStatus.${status}`) }))}
          value={search.status}
          onChange={(status) => void navigate({ to: '/orders/sagas', search: { status }, replace: true })}
          w={{ base: '100%', sm: 260 }}
        />
      </Group>
      <PagedTable
        query={sagas}
        empty={t('sagas.empty')}
        limit={PAGE_SIZE}
        offset={offset}
        onPage={(next) => void navigate({ to: '/orders/sagas', search: { ...search, offset: next || undefined } })}
        minWidth={900}
        rowKey={(saga) => saga.saga_id}
        columns={[
          {
            header: t('sagas.columns.saga'),
            cell: (saga) => (
              <AnchorLink
                to="/orders/sagas/$sagaId"
                params={{ sagaId: saga.saga_id }}
                ff="monospace"
                aria-label={t('sagas.open', { id: saga.saga_id })}
              >
                {saga.saga_id.slice(0, 8)}
              </AnchorLink>
            ),
          },
          { header: t('sagas.columns.customer'), cell: (saga) => saga.customer_id },
          {
            header: t('sagas.columns.status'),
            cell: (saga) => <StatusBadge status={saga.status} label={t(`sagaStatus.${saga.status}`)} />,
          },
          { header: t('sagas.columns.order'), cell: (saga) => (saga.order_id ? `#${saga.order_id}` : t('timeline.none')) },
          {
            header: t('sagas.columns.duration'),
            numeric: true,
            cell: (saga) => formatDuration(saga.duration, i18n.language),
          },
          {
            header: t('sagas.columns.reason'),
            cell: (saga) => (
              <Text size="sm">{saga.failure_reason ? describeFailure(t, saga.failure_reason) : t('timeline.none')}</Text>
            ),
          },
          { header: t('sagas.columns.started'), cell: (saga) => formatDateTime(saga.created_at, i18n.language) },
        ]}
      />
    </OrdersLayout>
  );
}
