import { Paper, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStores } from '../../api/hooks/stores';
import { CHANNELS, type Channel } from './search';
import { useReportSearch } from './useReportSearch';

/** A figure on its own: label, value, a line of context. */
export function StatCard({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" fw={600} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function StatCards({ children }: { children: ReactNode }) {
  return <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>{children}</SimpleGrid>;
}

export function ViewStack({ children }: { children: ReactNode }) {
  return <Stack gap="md">{children}</Stack>;
}

/**
 * The store and channel filters of the sales and trends views. A store's sales are till sales: with a store
 * chosen, "online" is not offered (the API refuses the pair).
 */
export function SalesFilters() {
  const { t } = useTranslation('reports');
  const [search, update] = useReportSearch();
  const stores = useStores();
  const storeChosen = search.store_id !== undefined;
  const channel: Channel = storeChosen ? 'in_store' : (search.channel ?? 'all');
  return (
    <Paper withBorder p="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('filters.store')}
          placeholder={t('filters.allStores')}
          clearable
          data={(stores.data?.data ?? []).map((store) => ({ value: String(store.id), label: store.name }))}
          value={search.store_id !== undefined ? String(search.store_id) : null}
          onChange={(value) =>
            update({
              store_id: value ? Number(value) : undefined,
              channel: value && search.channel === 'online' ? undefined : search.channel,
            })
          }
          error={stores.isError ? t('filters.storesUnavailable') : undefined}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="channel-label">
            {t('filters.channel')}
          </Text>
          <SegmentedControl
            aria-labelledby="channel-label"
            value={channel}
            onChange={(value) => update({ channel: value === 'all' ? undefined : value })}
            data={CHANNELS.map((value) => ({
              value,
              label: t(`channels.${value}`),
              disabled: storeChosen && value !== 'in_store',
            }))}
          />
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}
