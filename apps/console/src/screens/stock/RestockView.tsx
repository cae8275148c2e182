import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Location, useLocations } from '../../api/hooks/locations';
import { useProductSearch, useProductsById } from '../../api/hooks/product-lookup';
import {
  type RestockRequest,
  useCreateRestockRequest,
  useDecideRestockRequest,
  useRestockRequests,
} from '../../api/hooks/restock-requests';
import { useStockLevels } from '../../api/hooks/stock';
import { formatDateTime, formatNumber } from '../../lib/format';
import { ErrorAlert, fieldErrors } from '../../ui/ErrorAlert';
import { DataTable } from '../../ui/DataTable';
import { PagedQuery } from '../../ui/PagedTable';
import { QueryState } from '../../ui/QueryState';
import { MAX_RESTOCK_QUANTITY, noteProblem, restockQuantityValid } from './rules';
import { RESTOCK_STATUSES, type RestockSearch } from './routes';
import { StockLayout } from './StockLayout';
import { SuccessAlert } from '../../ui/SuccessAlert';

const QUEUE_PAGE = 10;
const STATUS_COLORS = { PENDING: 'yellow', APPROVED: 'green', REJECTED: 'gray' } as const;

/** A store asks the warehouse for units; the queue approves (the stock moves) or rejects. */
export function RestockView() {
  const search = useSearch({ from: '/app/stock/restock' });
  const navigate = useNavigate();
  const locations = useLocations();
  const go = (change: Partial<RestockSearch>) => void navigate({ to: '/stock/restock', search: { ...search, ...change } });
  return (
    <StockLayout>
      <QueryState query={locations}>
        {(page) => (
          <Grid>
            <Grid.Col span={{ base: 12 }}>
              <RequestForm stores={page.data.filter((location) => location.type === 'STORE')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12 }}>
              <Queue
                locations={page.data}
                status={search.status ?? 'PENDING'}
                offset={search.offset ?? 0}
                onStatus={(status) => go({ status: status === 'PENDING' ? undefined : status, offset: undefined })}
                onPage={(offset) => go({ offset: offset || undefined })}
              />
            </Grid.Col>
          </Grid>
        )}
      </QueryState>
    </StockLayout>
  );
}

type RequestValues = { location_id: string | null; product_id: string | null; quantity: number | string; note: string };

function RequestForm({ stores }: { stores: Location[] }) {
  const { t } = useTranslation('stock');
  const create = useCreateRestockRequest();
  const [productText, setProductText] = useState('');
  const [term] = useDebouncedValue(productText, 250);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const matches = useProductSearch(term);
  const form = useForm<RequestValues>({
    initialValues: { location_id: null, product_id: null, quantity: '', note: '' },
    validate: {
      location_id: (value) => (value ? null : t('restock.problems.store')),
      product_id: (value) => (value ? null : t('restock.problems.product')),
      quantity: (value) => (restockQuantityValid(value) ? null : t('restock.problems.quantity')),
      note: (value) => {
        const problem = noteProblem(value, 1000);
        return problem ? t(`restock.problems.${problem}`) : null;
      },
    },
  });
  const options = [
    ...(chosen ? [chosen] : []),
    ...(matches.data?.data ?? [])
      .filter((product) => String(product.id) !== chosen?.value)
      .map((product) => ({ value: String(product.id), label: `${product.name} (${product.sku})` })),
  ];

  const submit = form.onSubmit((values) => {
    const note = values.note.trim();
    create.mutate(
      {
        location_id: Number(values.location_id),
        product_id: Number(values.product_id),
        quantity: Number(values.quantity),
        ...(note ? { note } : {}),
      },
      {
        onSuccess: () => {
          form.setValues({ quantity: '', note: '' });
        },
        onError: (error) => form.setErrors(fieldErrors(error)),
      },
    );
  });

  return (
    <Card withBorder component="section" aria-labelledby="restock-form-title">
      <Title order={2} size="h4" id="restock-form-title" mb="sm">
        {t('restock.formTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('restock.store')}
              data={stores.map((store) => ({ value: String(store.id), label: store.name }))}
              withAsterisk
              {...form.getInputProps('location_id')}
            />
            {/* Typed by hand: the spread of getInputProps (values typed `any`) would make the choice `any`. */}
            <Select<string>
              label={t('restock.product')}
              placeholder={t('restock.productPlaceholder')}
              data={options}
              searchable
              filter={({ options: all }) => all}
              searchValue={productText}
              onSearchChange={setProductText}
              nothingFoundMessage={term ? t('noProducts') : undefined}
              withAsterisk
              {...form.getInputProps('product_id')}
              onChange={(value, option) => {
                setChosen(value ? option : null);
                form.setFieldValue('product_id', value);
              }}
            />
            <NumberInput
              label={t('restock.quantity')}
              min={1}
              max={MAX_RESTOCK_QUANTITY}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              withAsterisk
              {...form.getInputProps('quantity')}
            />
          </SimpleGrid>
          <Textarea
            label={t('restock.note')}
            description={t('restock.noteDescription')}
            maxLength={1000}
            autosize
            minRows={1}
            {...form.getInputProps('note')}
          />
          {create.isError && Object.keys(fieldErrors(create.error)).length === 0 && <ErrorAlert error={create.error} />}
          {create.isSuccess && <SuccessAlert title={t('restock.sent', { id: create.data.id })} p="xs" />}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('restock.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Queue({
  locations,
  status,
  offset,
  onStatus,
  onPage,
}: {
  locations: Location[];
  status: (typeof RESTOCK_STATUSES)[number];
  offset: number;
  onStatus: (status: (typeof RESTOCK_STATUSES)[number]) => void;
  onPage: (offset: number) => void;
}) {
  const { t, i18n } = useTranslation('stock');
  const requests = useRestockRequests({ status: status === 'ALL' ? undefined : status, limit: QUEUE_PAGE, offset });
  const rows = requests.data?.data ?? [];
  const products = useProductsById(rows.map((request) => request.product_id));
  // What the warehouse and each store have of these products, in one call, to decide with.
  const productIds = [...new Set(rows.map((request) => request.product_id))];
  const levels = useStockLevels({ product_ids: productIds.join(','), limit: 100 }, productIds.length > 0);
  const warehouse = locations.find((location) => location.type === 'WAREHOUSE');
  const available = (productId: number, locationId?: number) => {
    const level = levels.data?.data.find(
      (candidate) => candidate.product_id === productId && candidate.location_id === locationId,
    );
    return level ? formatNumber(level.available, i18n.language, 0) : '—';
  };
  const locationName = (id: number) => locations.find((location) => location.id === id)?.name ?? `#${id}`;
  const productName = (id: number) => products.get(id)?.name ?? `#${id}`;
  const [deciding, setDeciding] = useState<{ request: RestockRequest; decision: 'approve' | 'reject' } | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="restock-queue-title">
      <Group justify="space-between" mb="sm" align="flex-end">
        <Title order={2} size="h4" id="restock-queue-title">
          {t('restock.queueTitle')}
        </Title>
        <Select
          label={t('restock.status')}
          data={RESTOCK_STATUSES.map((value) => ({ value, label: t(`restock.statuses.${value}`) }))}
          value={status}
          onChange={(value) => value && onStatus(value)}
          allowDeselect={false}
          w={180}
        />
      </Group>
      {outcome && <SuccessAlert title={outcome} mb="sm" withCloseButton onClose={() => setOutcome(null)} />}
      <PagedQuery
        query={requests}
        empty={status === 'PENDING' ? t('restock.emptyPending') : t('restock.empty')}
        limit={QUEUE_PAGE}
        offset={offset}
        onPage={onPage}
      >
        {(rows) => (
          <ScrollArea type="auto">
            <DataTable
              miw={760}
              verticalSpacing="xs"
              rows={rows}
              rowKey={(request) => request.id}
              columns={[
                { header: t('restock.id'), cell: (request) => request.id },
                { header: t('restock.date'), cell: (request) => formatDateTime(request.created_at, i18n.language) },
                { header: t('restock.store'), cell: (request) => locationName(request.location_id) },
                {
                  header: t('restock.product'),
                  cell: (request) => (
                    <>
                      {productName(request.product_id)}
                      {request.note && (
                        <Text size="xs" c="dimmed">
                          {request.note}
                        </Text>
                      )}
                    </>
                  ),
                },
                {
                  header: t('restock.quantity'),
                  numeric: true,
                  cell: (request) => formatNumber(request.quantity, i18n.language, 0),
                },
                {
                  header: t('restock.warehouseAvailable'),
                  numeric: true,
                  cell: (request) => available(request.product_id, warehouse?.id),
                },
                {
                  header: t('restock.storeAvailable'),
                  numeric: true,
                  cell: (request) => available(request.product_id, request.location_id),
                },
                {
                  header: t('restock.decision'),
                  cell: (request) =>
                    request.status === 'PENDING' ? (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          aria-label={t('restock.approveNamed', { id: request.id })}
                          onClick={() => setDeciding({ request, decision: 'approve' })}
                        >
                          {t('restock.approve')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('restock.rejectNamed', { id: request.id })}
                          onClick={() => setDeciding({ request, decision: 'reject' })}
                        >
                          {t('restock.reject')}
                        </Button>
                      </Group>
                    ) : (
                      <Stack gap={2}>
                        <Badge color={STATUS_COLORS[request.status]} variant="light">
                          {t(`restock.statuses.${request.status}`)}
                        </Badge>
                        {request.decision_note && (
                          <Text size="xs" c="dimmed">
                            {request.decision_note}
                          </Text>
                        )}
                      </Stack>
                    ),
                },
              ]}
            />
          </ScrollArea>
        )}
      </PagedQuery>
      <DecisionModal
        deciding={deciding}
        productName={deciding ? productName(deciding.request.product_id) : ''}
        storeName={deciding ? locationName(deciding.request.location_id) : ''}
        onClose={() => setDeciding(null)}
        onDone={(request, decision) => {
          setDeciding(null);
          setOutcome(t(decision === 'approve' ? 'restock.approved' : 'restock.rejected', { id: request.id }));
        }}
      />
    </Card>
  );
}

function DecisionModal({
  deciding,
  productName,
  storeName,
  onClose,
  onDone,
}: {
  deciding: { request: RestockRequest; decision: 'approve' | 'reject' } | null;
  productName: string;
  storeName: string;
  onClose: () => void;
  onDone: (request: RestockRequest, decision: 'approve' | 'reject') => void;
}) {
  const { t } = useTranslation('stock');
  return (
    <Modal
      opened={deciding !== null}
      onClose={onClose}
      centered
      title={deciding ? t(`restock.decideTitle_${deciding.decision}`, { id: deciding.request.id }) : ''}
    >
      {deciding && (
        <DecisionForm
          key={`${deciding.request.id}-${deciding.decision}`}
          {...deciding}
          productName={productName}
          storeName={storeName}
          onClose={onClose}
          onDone={onDone}
        />
      )}
    </Modal>
  );
}

function DecisionForm({
  request,
  decision,
  productName,
  storeName,
  onClose,
  onDone,
}: {
  request: RestockRequest;
  decision: 'approve' | 'reject';
  productName: string;
  storeName: string;
  onClose: () => void;
  onDone: (request: RestockRequest, decision: 'approve' | 'reject') => void;
}) {
  const { t } = useTranslation('stock');
  const { t: common } = useTranslation();
  const decide = useDecideRestockRequest();
  const form = useForm({
    initialValues: { note: '' },
    validate: {
      note: (value: string) => {
        const problem = noteProblem(value, 1000);
        return problem ? t(`restock.problems.${problem}`) : null;
      },
    },
  });
  const submit = form.onSubmit((values) => {
    const note = values.note.trim();
    decide.mutate(
      { id: request.id, decision, ...(note ? { note } : {}) },
      { onSuccess: (saved) => onDone(saved, decision), onError: (error) => form.setErrors(fieldErrors(error)) },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text>{t(`restock.decideText_${decision}`, { quantity: request.quantity, product: productName, store: storeName })}</Text>
        <Textarea
          label={t('restock.decisionNote')}
          maxLength={1000}
          autosize
          minRows={2}
          data-autofocus
          {...form.getInputProps('note')}
        />
        {decide.isError && Object.keys(fieldErrors(decide.error)).length === 0 && <ErrorAlert error={decide.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {common('actions.cancel')}
          </Button>
          <Button type="submit" color={decision === 'reject' ? 'red' : undefined} loading={decide.isPending}>
            {t(`restock.${decision}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
