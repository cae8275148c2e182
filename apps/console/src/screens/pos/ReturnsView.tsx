import { Button, Card, Grid, Group, NumberInput, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProductsById } from '../../api/hooks/product-lookup';
import { useRecordReturn } from '../../api/hooks/returns';
import { type SaleDetail, useSale, useSales } from '../../api/hooks/sales';
import { useStores } from '../../api/hooks/stores';
import { formatDateTime, formatMoney } from '../../lib/format';
import { type ReturnChoice, refund, returnEverything, returnLines, returnProblems, returnable } from '../../lib/returns';
import { ErrorAlert, fieldErrors } from '../../ui/ErrorAlert';
import { FilterSelect } from '../../ui/FilterSelect';
import { DataTable } from '../../ui/DataTable';
import { Money } from '../../ui/Money';
import { PagedQuery } from '../../ui/PagedTable';
import { QueryState } from '../../ui/QueryState';
import { PosLayout } from './PosLayout';
import { SuccessAlert } from '../../ui/SuccessAlert';
import type { ReturnsSearch } from './routes';

const RECENT_PAGE = 10;

/** Returns at the till: find the sale (by number, or among the recent ones), choose what comes back, record. */
export function ReturnsView() {
  const search = useSearch({ from: '/app/pos/returns' });
  const navigate = useNavigate();
  const go = (change: ReturnsSearch) => void navigate({ to: '/pos/returns', search: { ...search, ...change } });
  return (
    <PosLayout>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <FindSale current={search.sale} onFind={(sale) => go({ sale })} />
            <RecentSales
              storeId={search.store}
              offset={search.offset ?? 0}
              current={search.sale}
              onStore={(store) => go({ store, offset: undefined })}
              onPage={(offset) => go({ offset: offset || undefined })}
              onOpen={(sale) => go({ sale })}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>{search.sale && <SaleReturnForm key={search.sale} saleId={search.sale} />}</Grid.Col>
      </Grid>
    </PosLayout>
  );
}

function FindSale({ current, onFind }: { current?: number; onFind: (sale: number) => void }) {
  const { t } = useTranslation('pos');
  const form = useForm<{ sale: number | string }>({
    initialValues: { sale: current ?? '' },
    validate: {
      sale: (value) =>
        Number.isInteger(Number(value)) && Number(value) >= 1 && value !== '' ? null : t('returns.saleIdRequired'),
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="find-sale-title">
      <Title order={2} size="h4" id="find-sale-title" mb="sm">
        {t('returns.findTitle')}
      </Title>
      <form onSubmit={form.onSubmit((values) => onFind(Number(values.sale)))}>
        <Group align="flex-start" wrap="nowrap">
          <NumberInput
            label={t('returns.saleId')}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            style={{ flex: 1 }}
            {...form.getInputProps('sale')}
          />
          <Button type="submit" mt={25}>
            {t('returns.find')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function RecentSales({
  storeId,
  offset,
  current,
  onStore,
  onPage,
  onOpen,
}: {
  storeId?: number;
  offset: number;
  current?: number;
  onStore: (store: number | undefined) => void;
  onPage: (offset: number) => void;
  onOpen: (sale: number) => void;
}) {
  const { t, i18n } = useTranslation('pos');
  const stores = useStores();
  const sales = useSales({ store_id: storeId, limit: RECENT_PAGE, offset });
  const storeName = (id: number) => stores.data?.data.find((store) => store.id === id)?.name ?? String(id);
  return (
    <Card withBorder component="section" aria-labelledby="recent-sales-title">
      <Title order={2} size="h4" id="recent-sales-title" mb="sm">
        {t('returns.recentTitle')}
      </Title>
      <FilterSelect
        label={t('returns.recentStore')}
        all={t('returns.allStores')}
        options={(stores.data?.data ?? []).map((store) => ({ value: store.id, label: store.name }))}
        value={storeId}
        onChange={onStore}
        mb="sm"
      />
      <PagedQuery query={sales} empty={t('returns.noSales')} limit={RECENT_PAGE} offset={offset} onPage={onPage}>
        {(rows) => (
          <ScrollArea type="auto">
            <DataTable
              verticalSpacing={4}
              highlightOnHover
              miw={300}
              rows={rows}
              rowKey={(sale) => sale.id}
              rowProps={(sale) => ({ bg: sale.id === current ? 'var(--mantine-color-blue-light)' : undefined })}
              columns={[
                {
                  header: t('returns.saleColumn'),
                  cell: (sale) => (
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      aria-label={t('returns.open', { id: sale.id })}
                      onClick={() => onOpen(sale.id)}
                    >
                      {sale.id}
                    </Button>
                  ),
                },
                {
                  header: t('returns.date'),
                  cell: (sale) => (
                    <>
                      {formatDateTime(sale.sold_at, i18n.language)}
                      <Text size="xs" c="dimmed">
                        {storeName(sale.store_id)}
                      </Text>
                    </>
                  ),
                },
                { header: t('returns.total'), numeric: true, cell: (sale) => <Money amount={sale.total} /> },
              ]}
            />
          </ScrollArea>
        )}
      </PagedQuery>
    </Card>
  );
}

function SaleReturnForm({ saleId }: { saleId: number }) {
  const sale = useSale(saleId);
  // Here, not in the form: the form starts afresh when the sale comes back with the new return, the outcome stays.
  const record = useRecordReturn();
  return (
    <QueryState query={sale}>
      {(detail) => <ReturnForm key={`${detail.id}-${detail.returns.length}`} sale={detail} record={record} />}
    </QueryState>
  );
}

type ReturnValues = { quantities: Record<string, number | string>; reason: string };

/** Per line: sold, already returned, returnable, and how many come back now (never more than returnable). */
function ReturnForm({ sale, record }: { sale: SaleDetail; record: ReturnType<typeof useRecordReturn> }) {
  const { t, i18n } = useTranslation('pos');
  const stores = useStores();
  const products = useProductsById(sale.lines.map((line) => line.product_id));
  const recorded = record.data?.sale_id === sale.id ? record.data : undefined;
  const name = (id: number) => products.get(id)?.name ?? t('product', { id });
  const storeName = stores.data?.data.find((store) => store.id === sale.store_id)?.name ?? String(sale.store_id);

  const choiceOf = (values: ReturnValues): ReturnChoice =>
    Object.fromEntries(Object.entries(values.quantities).map(([id, quantity]) => [Number(id), quantity]));
  const form = useForm<ReturnValues>({
    mode: 'controlled',
    initialValues: { quantities: Object.fromEntries(sale.lines.map((line) => [String(line.product_id), 0])), reason: '' },
    validateInputOnChange: true,
    validate: (values) => {
      const problems = returnProblems(sale.lines, choiceOf(values));
      const errors: Record<string, string> = {};
      for (const line of sale.lines) {
        const problem = problems.lines[line.product_id];
        if (problem) errors[`quantities.${line.product_id}`] = t(`returns.problems.${problem}`, { max: returnable(line) });
      }
      if (values.reason !== '' && values.reason.trim() === '') errors.reason = t('returns.reasonBlank');
      if (values.reason.length > 500) errors.reason = t('returns.reasonLong');
      return errors;
    },
  });
  const choice = choiceOf(form.getValues());
  const nothingLeft = sale.lines.every((line) => returnable(line) === 0);
  const [tried, setTried] = useState(false);
  const nothingChosen = returnProblems(sale.lines, choice).nothing;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setTried(true);
    // The API's rule, checked here first: nothing is sent while a line asks for more than is returnable.
    if (form.validate().hasErrors || nothingChosen) return;
    const lines = returnLines(sale.lines, choice);
    const reason = form.getValues().reason.trim();
    record.mutate(
      { sale_id: sale.id, lines, ...(reason ? { reason } : {}) },
      {
        onError: (error) => {
          // lines.N.quantity of the body → the form's field of that line's product.
          const errors: Record<string, string> = {};
          for (const [field, problem] of Object.entries(fieldErrors(error))) {
            const index = /^lines\.(\d+)\./.exec(field);
            if (index && lines[Number(index[1])]) errors[`quantities.${lines[Number(index[1])].product_id}`] = problem;
            else errors[field] = problem;
          }
          form.setErrors(errors);
        },
      },
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="sale-return-title">
      <Title order={2} size="h4" id="sale-return-title">
        {t('returns.saleTitle', { id: sale.id })}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('returns.saleInfo', {
          date: formatDateTime(sale.sold_at, i18n.language),
          store: storeName,
          total: formatMoney(sale.total, i18n.language),
        })}
      </Text>
      {recorded && (
        <SuccessAlert title={t('returns.recorded', { id: recorded.id })} mb="sm">
          {t('returns.refunded', { amount: formatMoney(recorded.total_refund, i18n.language) })}
        </SuccessAlert>
      )}
      <form onSubmit={submit} noValidate>
        <ScrollArea type="auto">
          <DataTable
            verticalSpacing="xs"
            miw={520}
            rows={sale.lines}
            rowKey={(line) => line.product_id}
            columns={[
              { header: t('returns.product'), cell: (line) => name(line.product_id) },
              { header: t('returns.sold'), numeric: true, cell: (line) => line.quantity },
              { header: t('returns.returned'), numeric: true, cell: (line) => line.returned_quantity },
              { header: t('returns.returnable'), numeric: true, cell: (line) => returnable(line) },
              { header: t('returns.unitPrice'), numeric: true, cell: (line) => <Money amount={line.unit_price} /> },
              {
                header: t('returns.toReturn'),
                cell: (line) => (
                  <NumberInput
                    aria-label={t('returns.toReturnOf', { name: name(line.product_id) })}
                    min={0}
                    max={returnable(line)}
                    clampBehavior="none"
                    allowDecimal={false}
                    w={96}
                    disabled={returnable(line) === 0}
                    {...form.getInputProps(`quantities.${line.product_id}`)}
                  />
                ),
              },
            ]}
          />
        </ScrollArea>
        {nothingLeft ? (
          <Text c="dimmed" size="sm" mt="sm">
            {t('returns.nothingLeft')}
          </Text>
        ) : (
          <Stack gap="sm" mt="sm">
            <Group justify="flex-end">
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() =>
                  form.setFieldValue(
                    'quantities',
                    Object.fromEntries(
                      Object.entries(returnEverything(sale.lines)).map(([id, quantity]) => [id, Number(quantity)]),
                    ),
                  )
                }
              >
                {t('returns.returnAll')}
              </Button>
            </Group>
            <Textarea
              label={t('returns.reason')}
              description={t('returns.reasonDescription')}
              maxLength={500}
              autosize
              minRows={2}
              {...form.getInputProps('reason')}
            />
            {tried && nothingChosen && (
              <Text c="red" size="sm" role="alert">
                {t('returns.nothing')}
              </Text>
            )}
            {record.isError && Object.keys(fieldErrors(record.error)).length === 0 && <ErrorAlert error={record.error} />}
            <Group justify="space-between">
              <Text fw={700} size="lg">
                {t('returns.refund')}: <Money amount={refund(sale.lines, choice)} />
              </Text>
              <Button type="submit" loading={record.isPending}>
                {t('returns.record')}
              </Button>
            </Group>
          </Stack>
        )}
      </form>
      {sale.returns.length > 0 && (
        <>
          <Title order={3} size="h5" mt="lg" mb="xs">
            {t('returns.earlier')}
          </Title>
          <ScrollArea type="auto">
            <DataTable
              verticalSpacing={4}
              miw={420}
              rows={sale.returns}
              rowKey={(saleReturn) => saleReturn.id}
              columns={[
                { header: t('returns.returnColumn'), cell: (saleReturn) => saleReturn.id },
                { header: t('returns.date'), cell: (saleReturn) => formatDateTime(saleReturn.returned_at, i18n.language) },
                { header: t('returns.reasonColumn'), cell: (saleReturn) => saleReturn.reason ?? t('returns.noReason') },
                {
                  header: t('returns.refundColumn'),
                  numeric: true,
                  cell: (saleReturn) => <Money amount={saleReturn.total_refund} />,
                },
              ]}
            />
          </ScrollArea>
        </>
      )}
    </Card>
  );
}
