import { Alert, Button, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { type CustomerInput, useCreateCustomer, useCustomers } from '../../api/hooks/customers';
import { formatDate } from '../../lib/format';
import { ErrorAlert, fieldErrors } from '../../ui/ErrorAlert';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { PathLink, useGo } from '../catalogue/navigation';
import { emailProblem, message, optionalText, requiredText } from '../catalogue/rules';
import { OrdersLayout } from './OrdersLayout';
import type { CustomerSearch } from './routes';

const PAGE_SIZE = 20;

/** The customers: searched by name or email (in the URL), created in a dialog, and where an order starts. */
export function CustomersView() {
  const { t, i18n } = useTranslation('orders');
  const search = useSearch({ strict: false }) as CustomerSearch;
  const navigate = useGo();
  const [text, setText] = useState(search.search ?? '');
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    const wanted = debounced.trim() === '' ? undefined : debounced;
    if (wanted !== search.search) void navigate({ to: '/orders/customers', search: { search: wanted }, replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new debounced text changes the URL
  }, [debounced]);
  const offset = search.offset ?? 0;
  const customers = useCustomers({ limit: PAGE_SIZE, offset, search: search.search });
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <OrdersLayout>
      <Group align="flex-end" mb="md">
        <TextInput
          label={t('customers.search')}
          type="search"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          maxLength={100}
          w={{ base: '100%', sm: 280 }}
        />
        <Button ml="auto" onClick={() => setCreating(true)}>
          {t('customers.new')}
        </Button>
      </Group>
      {notice && (
        <Alert
          color="green"
          mb="md"
          role="status"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel={t('common:actions.close')}
        >
          {notice}
        </Alert>
      )}
      <QueryState query={customers} isEmpty={(page) => page.data.length === 0} empty={t('customers.empty')}>
        {(page) => (
          <>
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('customers.columns.id')}</Table.Th>
                    <Table.Th>{t('customers.columns.name')}</Table.Th>
                    <Table.Th>{t('customers.columns.email')}</Table.Th>
                    <Table.Th>{t('customers.columns.phone')}</Table.Th>
                    <Table.Th>{t('customers.columns.created')}</Table.Th>
                    <Table.Th>{t('customers.columns.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.map((customer) => (
                    <Table.Tr key={customer.id}>
                      <Table.Td>{customer.id}</Table.Td>
                      <Table.Td>{customer.name}</Table.Td>
                      <Table.Td>{customer.email}</Table.Td>
                      <Table.Td>{customer.phone ?? t('timeline.none')}</Table.Td>
                      <Table.Td>{formatDate(customer.created_at, i18n.language)}</Table.Td>
                      <Table.Td>
                        <PathLink
                          to="/orders/new"
                          search={{ customer: customer.id }}
                          aria-label={t('customers.placeOrderFor', { name: customer.name })}
                        >
                          {t('customers.placeOrder')}
                        </PathLink>
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
              onChange={(next) => void navigate({ to: '/orders/customers', search: { ...search, offset: next || undefined } })}
            />
          </>
        )}
      </QueryState>
      {creating && (
        <CustomerForm
          onClose={() => setCreating(false)}
          onSaved={(name) => {
            setCreating(false);
            setNotice(t('customers.created', { name }));
          }}
        />
      )}
    </OrdersLayout>
  );
}

function CustomerForm({ onClose, onSaved }: { onClose: () => void; onSaved: (name: string) => void }) {
  const { t } = useTranslation('orders');
  const create = useCreateCustomer();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { name: '', email: '', phone: '' },
    validate: {
      name: (value) => message(t, requiredText(value, 200)),
      email: (value) => message(t, emailProblem(value)),
      phone: (value) => message(t, optionalText(value, 50)),
    },
  });
  const submit = form.onSubmit((values) => {
    setError(null);
    const input: CustomerInput = { name: values.name, email: values.email };
    if (values.phone !== '') input.phone = values.phone;
    create.mutate(input, {
      onSuccess: (customer) => onSaved(customer.name),
      onError: (failure) => {
        if (failure instanceof ApiError && failure.details.code === 'EMAIL_TAKEN')
          form.setErrors({ email: t('customers.emailTaken') });
        else if (Object.keys(fieldErrors(failure)).length > 0) form.setErrors(fieldErrors(failure));
        else setError(failure);
      },
    });
  });
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      title={t('customers.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <ErrorAlert error={error} />}
          <TextInput label={t('customers.name')} required maxLength={200} data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('customers.email')} required type="email" maxLength={254} {...form.getInputProps('email')} />
          <TextInput label={t('customers.phone')} type="tel" maxLength={50} {...form.getInputProps('phone')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
