import { Button, Card, Grid, Group, NumberInput, ScrollArea, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProductsById } from '../../api/hooks/product-lookup';
import { useRecordReturn } from '../../api/hooks/returns';
import { type SaleDetail, useSale, useSales } from '../../api/hooks/sales';
import { useStores } from '../../api/hooks/stores';
import { formatDateTime, formatMoney } from '../../lib/format';
import { type ReturnChoice, refund, returnEverything, returnLines, returnProblems, returnable } from '../../lib/returns';
import { ErrorAlert, fieldErrors } from '../../ui/ErrorAlert';
import { Money } from '../../ui/Money';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { PosLayout } from './PosLayout';
import { SuccessAlert } from './SuccessAlert';
import type { ReturnsSearch } from './routes';

const RECENT_PAGE = 10;

/** Returns at the till: find the sale (by number, or among the recent ones), choose what comes back, record. */
export function ReturnsView() {
  const search = useSearch({ from: '/app/pos/returns' });
  const navigate = useNavigate();
  const go = (change: ReturnsSearch) => void navigate({ to: '/pos/returns', search: { ...search, ...change } });
  return (
    <PosLayout tab="returns">
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
      <Select
        label={t('returns.recentStore')}
        data={[
          { value: '', label: t('returns.allStores') },
          ...(stores.data?.data ?? []).map((store) => ({ value: String(store.id), label: store.name })),
        ]}
        value={storeId ? String(storeId) : ''}
        onChange={(value) => onStore(value ? Number(value) : undefined)}
        allowDeselect={false}
        mb="sm"
      />
      <QueryState query={sales} isEmpty={(page) => page.data.length === 0} empty={t('returns.noSales')}>
        {(page) => (
          <>
            <ScrollArea type="auto">
              <Table verticalSpacing={4} highlightOnHover miw={300}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('returns.saleColumn')}</Table.Th>
                    <Table.Th>{t('returns.date')}</Table.Th>
                    <Table.Th ta="right">{t('returns.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.map((sale) => (
                    <Table.Tr key={sale.id} bg={sale.id === current ? 'var(--mantine-color-blue-light)' : undefined}>
                      <Table.Td>
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          aria-label={t('returns.open', { id: sale.id })}
                          onClick={() => onOpen(sale.id)}
                        >
                          {sale.id}
                        </Button>
                      </Table.Td>
                      <Table.Td>
                        {formatDateTime(sale.sold_at, i18n.language)}
                        <Text size="xs" c="dimmed">
                          {storeName(sale.store_id)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Money amount={sale.total} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
            <Pager total={page.total} limit={RECENT_PAGE} offset={offset} onChange={onPage} />
          </>
        )}
      </QueryState>
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

  const submit = (event: FormEvent) => {
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
          <Table verticalSpacing="xs" miw={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('returns.product')}</Table.Th>
                <Table.Th ta="right">{t('returns.sold')}</Table.Th>
                <Table.Th ta="right">{t('returns.returned')}</Table.Th>
                <Table.Th ta="right">{t('returns.returnable')}</Table.Th>
                <Table.Th ta="right">{t('returns.unitPrice')}</Table.Th>
                <Table.Th>{t('returns.toReturn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sale.lines.map((line) => (
                <Table.Tr key={line.product_id}>
                  <Table.Td>{name(line.product_id)}</Table.Td>
                  <Table.Td ta="right">{line.quantity}</Table.Td>
                  <Table.Td ta="right">{line.returned_quantity}</Table.Td>
                  <Table.Td ta="right">{returnable(line)}</Table.Td>
                  <Table.Td ta="right">
                    <Money amount={line.unit_price} />
                  </Table.Td>
                  <Table.Td>
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
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
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
            <Table verticalSpacing={4} miw={420}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('returns.returnColumn')}</Table.Th>
                  <Table.Th>{t('returns.date')}</Table.Th>
                  <Table.Th>{t('returns.reasonColumn')}</Table.Th>
                  <Table.Th ta="right">{t('returns.refundColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sale.returns.map((saleReturn) => (
                  <Table.Tr key={saleReturn.id}>
                    <Table.Td>{saleReturn.id}</Table.Td>
                    <Table.Td>{formatDateTime(saleReturn.returned_at, i18n.language)}</Table.Td>
                    <Table.Td>{saleReturn.reason ?? t('returns.noReason')}</Table.Td>
                    <Table.Td ta="right">
                      <Money amount={saleReturn.total_refund} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </>
      )}
    </Card>
  );
}
