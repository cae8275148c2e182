import {
  Badge,
  Button,
  Group,
  ScrollArea,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Location, useLocations } from '../../api/hooks/locations';
import { useProductsById } from '../../api/hooks/product-lookup';
import { type Product, useProducts } from '../../api/hooks/products';
import { type StockLevel, useStockLevels } from '../../api/hooks/stock';
import { formatNumber } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { FilterSelect } from '../../ui/FilterSelect';
import { PagedQuery } from '../../ui/PagedTable';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { AdjustStockModal, type AdjustTarget } from './AdjustStockModal';
import type { StockSearch } from './routes';
import { StockLayout } from './StockLayout';

const MATRIX_PAGE = 10;
const LOW_PAGE = 20;

/** The warehouse first, then the stores, each in the order they were made. */
function columnsOf(locations: Location[], only?: number): Location[] {
  return locations
    .filter((location) => only === undefined || location.id === only)
    .sort((a, b) => (a.type === b.type ? a.id - b.id : a.type === 'WAREHOUSE' ? -1 : 1));
}

/** Stock by product and location: on hand / reserved / available, low stock highlighted, each cell adjustable. */
export function StockView() {
  const { t } = useTranslation('stock');
  const search = useSearch({ from: '/app/stock' });
  const navigate = useNavigate();
  const locations = useLocations();
  const [adjusting, setAdjusting] = useState<AdjustTarget | null>(null);
  const [text, setText] = useState(search.search ?? '');
  const go = (change: Partial<StockSearch>) =>
    void navigate({ to: '/stock', search: { ...search, offset: undefined, ...change }, replace: true });
  const searchLater = useDebouncedCallback((value: string) => go({ search: value.trim() || undefined }), 300);

  return (
    <StockLayout>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
        <TextInput
          label={t('filters.search')}
          placeholder={t('filters.searchPlaceholder')}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            searchLater(event.currentTarget.value);
          }}
          disabled={search.low}
          maxLength={100}
        />
        <FilterSelect
          label={t('filters.location')}
          all={t('filters.allLocations')}
          options={columnsOf(locations.data?.data ?? []).map((location) => ({ value: location.id, label: location.name }))}
          value={search.location}
          onChange={(location) => go({ location })}
        />
        <Switch
          label={t('filters.lowOnly')}
          checked={search.low ?? false}
          onChange={(event) => go({ low: event.currentTarget.checked || undefined })}
          mt={{ base: 0, sm: 30 }}
        />
      </SimpleGrid>
      <QueryState query={locations}>
        {(page) =>
          search.low ? (
            <LowStockList search={search} locations={page.data} onAdjust={setAdjusting} onPage={(offset) => go({ offset })} />
          ) : (
            <Matrix
              search={search}
              columns={columnsOf(page.data, search.location)}
              onAdjust={setAdjusting}
              onPage={(offset) => go({ offset })}
            />
          )
        }
      </QueryState>
      <AdjustStockModal target={adjusting} onClose={() => setAdjusting(null)} />
    </StockLayout>
  );
}

function Matrix({
  search,
  columns,
  onAdjust,
  onPage,
}: {
  search: StockSearch;
  columns: Location[];
  onAdjust: (target: AdjustTarget) => void;
  onPage: (offset: number) => void;
}) {
  const { t } = useTranslation('stock');
  const offset = search.offset ?? 0;
  const products = useProducts({ search: search.search, limit: MATRIX_PAGE, offset });
  const ids = products.data?.data.map((product) => product.id) ?? [];
  // One call for the whole page: the levels of these products (at most 10 × the locations).
  const levels = useStockLevels({ product_ids: ids.join(','), location_id: search.location, limit: 100 }, ids.length > 0);
  const levelOf = (productId: number, locationId: number) =>
    levels.data?.data.find((level) => level.product_id === productId && level.location_id === locationId);

  return (
    <QueryState query={products} isEmpty={(page) => page.data.length === 0} empty={t('noProducts')}>
      {(page) => (
        <Stack gap="xs">
          <Group gap="md">
            <Text size="sm" c="dimmed">
              {t('legend')}
            </Text>
            <Group gap={6}>
              <Badge color="red" variant="light" size="sm">
                {t('low')}
              </Badge>
              <Text size="sm" c="dimmed">
                {t('lowLegend')}
              </Text>
            </Group>
          </Group>
          {levels.isError && <QueryState query={levels}>{() => null}</QueryState>}
          <ScrollArea type="auto">
            <Table withColumnBorders withTableBorder miw={220 + columns.length * 130} aria-label={t('tabs.levels')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('product')}</Table.Th>
                  {columns.map((location) => (
                    <Table.Th key={location.id} ta="center">
                      <Text size="sm" fw={600} lh={1.2}>
                        {location.name}
                      </Text>
                      <Text size="xs" c="dimmed" fw={400}>
                        {t(`types.${location.type}`)}
                      </Text>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.map((product) => (
                  <Table.Tr key={product.id}>
                    <Table.Th scope="row" fw={400}>
                      <Text size="sm" fw={500}>
                        {product.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {product.sku}
                      </Text>
                    </Table.Th>
                    {columns.map((location) => (
                      <Table.Td key={location.id} p={0} ta="center">
                        <LevelCell
                          product={product}
                          location={location}
                          level={levelOf(product.id, location.id)}
                          loading={levels.isPending}
                          onAdjust={onAdjust}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <Pager total={page.total} limit={MATRIX_PAGE} offset={offset} onChange={onPage} />
        </Stack>
      )}
    </QueryState>
  );
}

function LevelCell({
  product,
  location,
  level,
  loading,
  onAdjust,
}: {
  product: Product;
  location: Location;
  level?: StockLevel;
  loading: boolean;
  onAdjust: (target: AdjustTarget) => void;
}) {
  const { t, i18n } = useTranslation('stock');
  const n = (value: number) => formatNumber(value, i18n.language, 0);
  if (loading) return <Text c="dimmed">…</Text>;
  const names = { product: product.name, location: location.name };
  const label = level
    ? t(level.low_stock ? 'cellLabelLow' : 'cellLabel', {
        ...names,
        onHand: n(level.on_hand),
        reserved: n(level.reserved),
        available: n(level.available),
      })
    : t('cellLabelNone', names);
  return (
    // The name is the sentence (product, location, the three counts, low or not); the figures are its picture.
    <UnstyledButton
      title={label}
      onClick={() => onAdjust({ productId: product.id, productName: product.name, location, level })}
      w="100%"
      py="xs"
      px={6}
      bg={level?.low_stock ? 'var(--mantine-color-red-light)' : undefined}
      style={{ borderRadius: 0 }}
    >
      <VisuallyHidden>{label}</VisuallyHidden>
      {level ? (
        <Stack gap={2} align="center" aria-hidden>
          <Text size="sm" fw={600} c={level.low_stock ? 'red.9' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {n(level.on_hand)} / {n(level.reserved)} / {n(level.available)}
          </Text>
          {level.low_stock && (
            <Badge color="red" size="xs" variant="filled">
              {t('low')}
            </Badge>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" aria-hidden>
          {t('noLevel')}
        </Text>
      )}
    </UnstyledButton>
  );
}

function LowStockList({
  search,
  locations,
  onAdjust,
  onPage,
}: {
  search: StockSearch;
  locations: Location[];
  onAdjust: (target: AdjustTarget) => void;
  onPage: (offset: number) => void;
}) {
  const { t, i18n } = useTranslation('stock');
  const offset = search.offset ?? 0;
  const levels = useStockLevels({ low_stock: true, location_id: search.location, limit: LOW_PAGE, offset });
  const products = useProductsById(levels.data?.data.map((level) => level.product_id) ?? []);
  const n = (value: number) => formatNumber(value, i18n.language, 0);
  const locationOf = (level: StockLevel) => locations.find((candidate) => candidate.id === level.location_id);
  const productName = (level: StockLevel) => products.get(level.product_id)?.name ?? `#${level.product_id}`;
  return (
    <PagedQuery query={levels} empty={t('noLow')} limit={LOW_PAGE} offset={offset} onPage={onPage}>
      {(rows) => (
        <ScrollArea type="auto">
          <DataTable
            miw={680}
            aria-label={t('filters.lowOnly')}
            rows={rows}
            rowKey={(level) => `${level.product_id}-${level.location_id}`}
            columns={[
              { header: t('product'), cell: productName },
              { header: t('location'), cell: (level) => locationOf(level)?.name ?? `#${level.location_id}` },
              { header: t('onHand'), numeric: true, cell: (level) => n(level.on_hand) },
              { header: t('reserved'), numeric: true, cell: (level) => n(level.reserved) },
              {
                header: t('available'),
                numeric: true,
                cell: (level) => (
                  <Text span c="red.9" fw={600} size="sm">
                    {n(level.available)}
                  </Text>
                ),
              },
              { header: t('reorderLevel'), numeric: true, cell: (level) => n(level.reorder_level) },
              {
                numeric: true,
                cell: (level) => {
                  const location = locationOf(level);
                  const name = productName(level);
                  return (
                    location && (
                      <Button
                        variant="light"
                        size="compact-sm"
                        aria-label={t('adjustNamed', { product: name, location: location.name })}
                        onClick={() => onAdjust({ productId: level.product_id, productName: name, location, level })}
                      >
                        {t('adjust')}
                      </Button>
                    )
                  );
                },
              },
            ]}
          />
        </ScrollArea>
      )}
    </PagedQuery>
  );
}
