import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { type CustomerInput, useCreateCustomer, useCustomers } from '../../api/hooks/customers';
import { formatDate } from '../../lib/format';
import { AnchorLink } from '../../ui/AnchorLink';
import { fieldErrors } from '../../ui/ErrorAlert';
import { FormDialog } from '../../ui/FormDialog';
import { PagedTable } from '../../ui/PagedTable';
import { SearchInput } from '../../ui/SearchInput';
import { Notice } from '../../ui/SuccessAlert';
import { emailProblem, message, optionalText, requiredText } from '../catalogue/rules';
import { OrdersLayout } from './OrdersLayout';

const PAGE_SIZE = 20;

/** The customers: searched by name or email (in the URL), created in a dialog, and where an order starts. */
export function CustomersView() {
  const { t, i18n } = useTranslation('orders');
  const search = useSearch({ from: '/app/orders/customers' });
  const navigate = useNavigate();
  const offset = search.offset ?? 0;
  const customers = useCustomers({ limit: PAGE_SIZE, offset, search: search.search });
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <OrdersLayout>
      <Group align="flex-end" mb="md">
        <SearchInput
          label={t('customers.search')}
          value={search.search}
          onSearch={(text) => void navigate({ to: '/orders/customers', search: { search: text }, replace: true })}
          w={{ base: '100%', sm: 280 }}
        />
        <Button ml="auto" onClick={() => setCreating(true)}>
          {t('customers.new')}
        </Button>
      </Group>
      {notice && <Notice onClose={() => setNotice(null)}>{notice}</Notice>}
      <PagedTable
        query={customers}
        empty={t('customers.empty')}
        limit={PAGE_SIZE}
        offset={offset}
        onPage={(next) => void navigate({ to: '/orders/customers', search: { ...search, offset: next || undefined } })}
        minWidth={760}
        rowKey={(customer) => customer.id}
        columns={[
          { header: t('customers.columns.id'), cell: (customer) => customer.id },
          { header: t('customers.columns.name'), cell: (customer) => customer.name },
          { header: t('customers.columns.email'), cell: (customer) => customer.email },
          { header: t('customers.columns.phone'), cell: (customer) => customer.phone ?? t('timeline.none') },
          { header: t('customers.columns.created'), cell: (customer) => formatDate(customer.created_at, i18n.language) },
          {
            header: t('customers.columns.actions'),
            cell: (customer) => (
              <AnchorLink
                to="/orders/new"
                search={{ customer: customer.id }}
                aria-label={t('customers.placeOrderFor', { name: customer.name })}
              >
                {t('customers.placeOrder')}
              </AnchorLink>
            ),
          },
        ]}
      />
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
  const form = useForm({
    initialValues: { name: '', email: '', phone: '' },
    validate: {
      name: (value) => message(t, requiredText(value, 200)),
      email: (value) => message(t, emailProblem(value)),
      phone: (value) => message(t, optionalText(value, 50)),
    },
  });
  return (
    <FormDialog
      title={t('customers.createTitle')}
      form={form}
      send={(values, refused) => {
        const input: CustomerInput = { name: values.name, email: values.email };
        if (values.phone !== '') input.phone = values.phone;
        create.mutate(input, { onSuccess: (customer) => onSaved(customer.name), onError: refused });
      }}
      fieldsOf={(failure) =>
        failure instanceof ApiError && failure.details.code === 'EMAIL_TAKEN'
          ? { email: t('customers.emailTaken') }
          : fieldErrors(failure)
      }
      pending={create.isPending}
      submitLabel={t('common:actions.create')}
      onClose={onClose}
    >
      <TextInput label={t('customers.name')} required maxLength={200} data-autofocus {...form.getInputProps('name')} />
      <TextInput label={t('customers.email')} required type="email" maxLength={254} {...form.getInputProps('email')} />
      <TextInput label={t('customers.phone')} type="tel" maxLength={50} {...form.getInputProps('phone')} />
    </FormDialog>
  );
}
