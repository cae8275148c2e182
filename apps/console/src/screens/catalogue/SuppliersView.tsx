import { TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { type Supplier, type SupplierInput, useDeleteSupplier, useSaveSupplier, useSuppliers } from '../../api/hooks/suppliers';
import { formatDate } from '../../lib/format';
import { ReferenceForm, ReferenceList } from './ReferenceList';
import { emailProblem, message, optionalText, requiredText } from './rules';

export function SuppliersView() {
  const { t, i18n } = useTranslation('catalogue');
  return (
    <ReferenceList<Supplier>
      kind="suppliers"
      useList={useSuppliers}
      useDelete={useDeleteSupplier}
      minWidth={700}
      columns={[
        { header: 'name', cell: (supplier) => supplier.name },
        { header: 'email', cell: (supplier) => supplier.email ?? t('products.none') },
        { header: 'phone', cell: (supplier) => supplier.phone ?? t('products.none') },
        { header: 'created', cell: (supplier) => formatDate(supplier.created_at, i18n.language) },
      ]}
      renderForm={(supplier, close) => <SupplierForm supplier={supplier} onClose={close} />}
    />
  );
}

function SupplierForm({ supplier, onClose }: { supplier?: Supplier; onClose: () => void }) {
  const { t } = useTranslation('catalogue');
  const save = useSaveSupplier();
  const form = useForm({
    initialValues: { name: supplier?.name ?? '', email: supplier?.email ?? '', phone: supplier?.phone ?? '' },
    validate: {
      name: (value) => message(t, requiredText(value, 200)),
      email: (value) => message(t, emailProblem(value, false)),
      phone: (value) => message(t, optionalText(value, 50)),
    },
  });
  // The API refuses an empty email or phone (and null): an empty field is left out.
  const toInput = (values: typeof form.values): { id?: number; input: SupplierInput } => {
    const input: SupplierInput = { name: values.name };
    if (values.email !== '') input.email = values.email;
    if (values.phone !== '') input.phone = values.phone;
    return { id: supplier?.id, input };
  };
  return (
    <ReferenceForm kind="suppliers" editing={supplier !== undefined} form={form} toInput={toInput} save={save} onClose={onClose}>
      <TextInput label={t('suppliers.name')} required maxLength={200} data-autofocus {...form.getInputProps('name')} />
      <TextInput label={t('suppliers.email')} type="email" {...form.getInputProps('email')} />
      <TextInput label={t('suppliers.phone')} type="tel" maxLength={50} {...form.getInputProps('phone')} />
    </ReferenceForm>
  );
}
