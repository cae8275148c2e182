import { Card, Grid, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { useProductsById } from '../../api/hooks/product-lookup';
import type { Product } from '../../api/hooks/products';
import { type Sale, useRecordSale } from '../../api/hooks/sales';
import { useCashRegisters, useStores } from '../../api/hooks/stores';
import { type BasketLine, addProduct, isBasketValid, removeLine, saleLines, setQuantity } from '../../lib/basket';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Basket } from './Basket';
import { ProductFinder } from './ProductFinder';
import { Receipt } from './Receipt';
import { PosLayout } from './PosLayout';
import type { SaleSearch } from './routes';

/**
 * What the API said against lines: a 400's `lines.N.quantity`, or a 422 naming a product it will not sell
 * ("Product 3 is no longer sold"). Anything else is shown as a whole.
 */
function lineErrorsOf(error: unknown, basket: BasketLine[]): Record<number, string> {
  if (!(error instanceof ApiError)) return {};
  const errors: Record<number, string> = {};
  for (const field of error.details.fields ?? []) {
    const index = /^lines\.(\d+)\./.exec(field.field);
    const line = index ? basket[Number(index[1])] : undefined;
    if (line) errors[line.productId] = field.problems.join('; ');
  }
  if (error.details.code === 'INACTIVE_PRODUCT' || error.details.code === 'UNKNOWN_PRODUCT') {
    const id = Number(/Product (\d+)/.exec(error.message)?.[1]);
    if (basket.some((line) => line.productId === id)) errors[id] = error.message;
  }
  return errors;
}

/** The sale at a till: pick the till, scan or find products, adjust the basket, record, print the receipt. */
export function SaleView() {
  const { t } = useTranslation('pos');
  const search = useSearch({ from: '/app/pos' });
  const navigate = useNavigate();
  const stores = useStores();
  const registers = useCashRegisters(search.store);
  const record = useRecordSale();
  const [basket, setBasket] = useState<BasketLine[]>([]);
  const [receipt, setReceipt] = useState<Sale | null>(null);
  const receiptProducts = useProductsById(receipt?.lines.map((line) => line.product_id) ?? []);

  const store = stores.data?.data.find((candidate) => candidate.id === search.store);
  const register = registers.data?.data.find((candidate) => candidate.id === search.register);
  const tillReady = Boolean(store?.active && register?.active);
  const lineErrors = record.isError ? lineErrorsOf(record.error, basket) : {};
  const showAlert = record.isError && Object.keys(lineErrors).length === 0;

  const changeTill = (change: SaleSearch) => void navigate({ to: '/pos', search: { ...search, ...change }, replace: true });
  const edit = (next: BasketLine[]) => {
    setBasket(next);
    if (record.isError) record.reset();
  };
  const add = (product: Product) => {
    setReceipt(null);
    edit(addProduct(basket, product));
  };

  const submit = () => {
    if (!store || !register || !isBasketValid(basket)) return;
    record.mutate(
      { store_id: store.id, register_id: register.id, lines: saleLines(basket) },
      {
        onSuccess: (sale) => {
          setReceipt(sale);
          setBasket([]);
        },
      },
    );
  };

  const productName = (id: number) =>
    basket.find((line) => line.productId === id)?.name ?? receiptProducts.get(id)?.name ?? t('product', { id });

  return (
    <PosLayout>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <Card withBorder component="section" aria-labelledby="till-title">
              <Title order={2} size="h4" id="till-title" mb="sm">
                {t('till.title')}
              </Title>
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                <Select
                  label={t('till.store')}
                  placeholder={t('till.store')}
                  data={(stores.data?.data ?? []).map((candidate) => ({
                    value: String(candidate.id),
                    label: candidate.active ? candidate.name : `${candidate.name} ${t('till.inactive')}`,
                    disabled: !candidate.active,
                  }))}
                  value={search.store ? String(search.store) : null}
                  onChange={(value) => changeTill({ store: value ? Number(value) : undefined, register: undefined })}
                  error={stores.isError ? <ErrorAlert error={stores.error} /> : undefined}
                  searchable
                  allowDeselect={false}
                />
                <Select
                  label={t('till.register')}
                  placeholder={t('till.register')}
                  data={(registers.data?.data ?? []).map((candidate) => ({
                    value: String(candidate.id),
                    label: candidate.active ? candidate.code : `${candidate.code} ${t('till.inactive')}`,
                    disabled: !candidate.active,
                  }))}
                  value={search.register ? String(search.register) : null}
                  onChange={(value) => changeTill({ register: value ? Number(value) : undefined })}
                  disabled={!search.store}
                  allowDeselect={false}
                />
              </SimpleGrid>
              {!tillReady && (
                <Text size="sm" c="dimmed" mt="sm">
                  {t('till.choose')}
                </Text>
              )}
            </Card>
            <ProductFinder onAdd={add} disabled={!tillReady} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            {showAlert && <ErrorAlert error={record.error} />}
            {receipt && store && (
              <Receipt
                sale={receipt}
                productName={productName}
                storeName={store.name}
                registerCode={register?.code ?? String(receipt.register_id)}
                onNewSale={() => setReceipt(null)}
              />
            )}
            {!receipt && (
              <Basket
                lines={basket}
                lineErrors={lineErrors}
                onQuantity={(productId, quantity) => edit(setQuantity(basket, productId, quantity))}
                onRemove={(productId) => edit(removeLine(basket, productId))}
                onClear={() => edit([])}
                onRecord={submit}
                recording={record.isPending}
                canRecord={tillReady}
              />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </PosLayout>
  );
}
