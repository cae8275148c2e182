import {
  ActionIcon,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { useCustomer } from '../../api/hooks/customers';
import { type OrderRequest, PAYMENT_METHODS, type PaymentMethod, usePlaceOrder } from '../../api/hooks/orders';
import { useProducts } from '../../api/hooks/products';
import { formatMoney } from '../../lib/format';
import { fromCents, toCents } from '../../lib/money';
import { ErrorAlert, fieldErrors } from '../../ui/ErrorAlert';
import { message, requiredText } from '../catalogue/rules';
import { useIdempotencyKey } from './idempotency';
import { OrdersLayout } from './OrdersLayout';

const MAX_ADDRESS = 500;
const MAX_QUANTITY = 100_000;

export interface OrderFormValues {
  customer: number | string;
  lines: Array<{ product: string | null; quantity: number | string }>;
  shipping: string;
  sameAddress: boolean;
  billing: string;
  payment: PaymentMethod;
}

/** The saga's request from the form: one plain-text address (billing the same as shipping unless told otherwise). */
export function orderRequest(values: OrderFormValues): OrderRequest {
  return {
    products: values.lines.map((line) => ({ product_id: Number(line.product), quantity: Number(line.quantity) })),
    shipping_address: values.shipping,
    billing_address: values.sameAddress ? values.shipping : values.billing,
    payment_method: values.payment,
  };
}

/** A 400's fields (`products.0.quantity`, `billing_address`) as this form names them. */
export function orderFieldErrors(error: unknown, sameAddress: boolean): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors(error)).map(([field, problems]) => [
      field
        .replace(/^products\.(\d+)\.product_id/, 'lines.$1.product')
        .replace(/^products\.(\d+)\.quantity/, 'lines.$1.quantity')
        .replace(/^products$/, 'lines')
        .replace(/^shipping_address.*/, 'shipping')
        .replace(/^billing_address.*/, sameAddress ? 'shipping' : 'billing')
        .replace(/^payment_method$/, 'payment')
        .replace(/^customer_id$/, 'customer'),
      problems,
    ]),
  );
}

/** An online order for a customer: products and quantities, addresses, payment; then its processing, live. */
export function NewOrderView() {
  const { t, i18n } = useTranslation('orders');
  const search = useSearch({ from: '/app/orders/new' });
  const navigate = useNavigate();
  const place = usePlaceOrder();
  const keyFor = useIdempotencyKey();
  const [error, setError] = useState<unknown>(null);
  const products = useProducts({ active: true, limit: 100 });
  const byId = useMemo(
    () => new Map((products.data?.data ?? []).map((product) => [String(product.id), product])),
    [products.data],
  );

  const form = useForm<OrderFormValues>({
    initialValues: {
      customer: search.customer ?? '',
      lines: [{ product: null, quantity: 1 }],
      shipping: '',
      sameAddress: true,
      billing: '',
      payment: 'credit_card',
    },
    validate: {
      customer: (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 ? null : t('validation.customer')),
      lines: {
        product: (value, values, path) => {
          if (!value) return t('validation.product');
          const index = Number(path.split('.')[1]);
          return values.lines.findIndex((line) => line.product === value) < index ? t('validation.duplicateProduct') : null;
        },
        quantity: (value) =>
          typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_QUANTITY
            ? null
            : t('validation.quantity'),
      },
      shipping: (value) => message(t, requiredText(value, MAX_ADDRESS)),
      billing: (value, values) => (values.sameAddress ? null : message(t, requiredText(value, MAX_ADDRESS))),
    },
  });

  const [customerId] = useDebouncedValue(form.values.customer, 400);
  const customer = useCustomer(typeof customerId === 'number' && customerId >= 1 ? customerId : undefined);

  const lineCents = form.values.lines.map((line) => {
    const product = line.product ? byId.get(line.product) : undefined;
    return product && typeof line.quantity === 'number' ? toCents(product.price) * line.quantity : 0;
  });
  const totalCents = lineCents.reduce((sum, cents) => sum + cents, 0);

  const submit = form.onSubmit((values) => {
    setError(null);
    const order = orderRequest(values);
    const customerId = Number(values.customer);
    place.mutate(
      { customerId, order, idempotencyKey: keyFor({ customerId, order }) },
      {
        onSuccess: (accepted) => void navigate({ to: '/orders/sagas/$sagaId', params: { sagaId: accepted.saga_id } }),
        onError: (failure) => {
          const onFields = orderFieldErrors(failure, values.sameAddress);
          if (Object.keys(onFields).length > 0) form.setErrors(onFields);
          else setError(failure);
        },
      },
    );
  });

  const productOptions = (products.data?.data ?? []).map((product) => ({
    value: String(product.id),
    label: `${product.name} (${product.sku}) · ${formatMoney(product.price, i18n.language)}`,
  }));

  return (
    <OrdersLayout>
      <form onSubmit={submit} noValidate>
        <Stack maw={960}>
          <Title order={2} size="h3">
            {t('place.title')}
          </Title>
          {error !== null && <ErrorAlert error={error} />}
          <Grid align="flex-end">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NumberInput
                label={t('place.customer')}
                description={t('place.customerHint')}
                required
                min={1}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                {...form.getInputProps('customer')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Text size="sm" aria-live="polite" c={customer.isError ? 'red.9' : undefined}>
                {customer.data && t('place.customerFound', { name: customer.data.name, email: customer.data.email })}
                {customer.error instanceof ApiError && customer.error.kind === 'not-found' && t('place.customerUnknown')}
              </Text>
            </Grid.Col>
          </Grid>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={3} size="h5">
                {t('place.lines')}
              </Title>
              {form.values.lines.map((line, index) => {
                const product = line.product ? byId.get(line.product) : undefined;
                return (
                  <Grid key={index} align="flex-end">
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Select
                        label={t('place.product')}
                        placeholder={t('place.productPlaceholder')}
                        data={productOptions}
                        searchable
                        required
                        nothingFoundMessage={t('common:states.noMatch')}
                        {...form.getInputProps(`lines.${index}.product`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 5, sm: 2 }}>
                      <NumberInput
                        label={t('place.quantity')}
                        required
                        min={1}
                        max={MAX_QUANTITY}
                        allowDecimal={false}
                        allowNegative={false}
                        {...form.getInputProps(`lines.${index}.quantity`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 5, sm: 3 }}>
                      <Text size="sm" c="dimmed">
                        {t('place.lineTotal')}
                      </Text>
                      <Text fw={500}>
                        {product ? formatMoney(fromCents(lineCents[index]), i18n.language) : t('timeline.none')}
                      </Text>
                    </Grid.Col>
                    <Grid.Col span={{ base: 2, sm: 1 }}>
                      <ActionIcon
                        variant="default"
                        size="lg"
                        disabled={form.values.lines.length === 1}
                        onClick={() => form.removeListItem('lines', index)}
                        aria-label={t('place.removeLine', { line: index + 1 })}
                      >
                        ×
                      </ActionIcon>
                    </Grid.Col>
                  </Grid>
                );
              })}
              <Group justify="space-between">
                <Button variant="default" onClick={() => form.insertListItem('lines', { product: null, quantity: 1 })}>
                  {t('place.addLine')}
                </Button>
                <Text fw={700}>
                  {t('place.total')} {formatMoney(fromCents(totalCents), i18n.language)}
                </Text>
              </Group>
            </Stack>
          </Paper>

          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Stack gap="xs">
                <Textarea
                  label={t('place.shippingAddress')}
                  required
                  autosize
                  minRows={3}
                  maxLength={MAX_ADDRESS}
                  {...form.getInputProps('shipping')}
                />
                <Checkbox label={t('place.sameAddress')} {...form.getInputProps('sameAddress', { type: 'checkbox' })} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              {!form.values.sameAddress && (
                <Textarea
                  label={t('place.billingAddress')}
                  required
                  autosize
                  minRows={3}
                  maxLength={MAX_ADDRESS}
                  {...form.getInputProps('billing')}
                />
              )}
            </Grid.Col>
          </Grid>
          <Select
            label={t('place.paymentMethod')}
            data={PAYMENT_METHODS.map((method) => ({ value: method, label: t(`payment.${method}`) }))}
            allowDeselect={false}
            maw={360}
            {...form.getInputProps('payment')}
          />
          <Group>
            <Button type="submit" loading={place.isPending}>
              {t('place.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </OrdersLayout>
  );
}
