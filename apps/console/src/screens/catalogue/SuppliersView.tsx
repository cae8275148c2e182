import { Alert, Button, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGo } from './navigation';
import { type Supplier, type SupplierInput, useDeleteSupplier, useSaveSupplier, useSuppliers } from '../../api/hooks/suppliers';
import { formatDate } from '../../lib/format';
import { ErrorAlert, fieldErrors } from '../../ui/ErrorAlert';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { CatalogueLayout } from './CatalogueLayout';
import { ConfirmModal } from './ConfirmModal';
import { productsInUse } from './in-use';
import type { PageSearch } from './routes';
import { emailProblem, message, optionalText, requiredText } from './rules';

const PAGE_SIZE = 20;

export function SuppliersView() {
  const { t, i18n } = useTranslation('catalogue');
  const search = useSearch({ strict: false }) as PageSearch;
  const navigate = useGo();
  const offset = search.offset ?? 0;
  const suppliers = useSuppliers({ limit: PAGE_SIZE, offset });
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Supplier | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useDeleteSupplier();
  const inUse = productsInUse(remove.error);

  return (
    <CatalogueLayout>
      <Group justify="flex-end" mb="md">
        <Button onClick={() => setEditing('new')}>{t('suppliers.new')}</Button>
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
      <QueryState query={suppliers} isEmpty={(page) => page.data.length === 0} empty={t('suppliers.empty')}>
        {(page) => (
          <>
            <Table.ScrollContainer minWidth={700}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('suppliers.columns.name')}</Table.Th>
                    <Table.Th>{t('suppliers.columns.email')}</Table.Th>
                    <Table.Th>{t('suppliers.columns.phone')}</Table.Th>
                    <Table.Th>{t('suppliers.columns.created')}</Table.Th>
                    <Table.Th>{t('suppliers.columns.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.map((supplier) => (
                    <Table.Tr key={supplier.id}>
                      <Table.Td>{supplier.name}</Table.Td>
                      <Table.Td>{supplier.email ?? t('products.none')}</Table.Td>
                      <Table.Td>{supplier.phone ?? t('products.none')}</Table.Td>
                      <Table.Td>{formatDate(supplier.created_at, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setEditing(supplier)}
                            aria-label={t('suppliers.edit', { name: supplier.name })}
                          >
                            {t('common:actions.edit')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => {
                              remove.reset();
                              setDeleting(supplier);
                            }}
                            aria-label={t('suppliers.delete', { name: supplier.name })}
                          >
                            {t('common:actions.delete')}
                          </Button>
                        </Group>
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
              onChange={(next) => void navigate({ to: '/catalogue/suppliers', search: { offset: next || undefined } })}
            />
          </>
        )}
      </QueryState>
      {editing !== null && (
        <SupplierForm
          supplier={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        title={t('suppliers.confirmDeleteTitle')}
        confirmLabel={t('common:actions.delete')}
        pending={remove.isPending}
        error={
          remove.error &&
          (inUse !== undefined && deleting ? (
            <Alert color="red" role="alert">
              {t('suppliers.inUse', { name: deleting.name, count: inUse })}
            </Alert>
          ) : (
            <ErrorAlert error={remove.error} />
          ))
        }
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setNotice(t('suppliers.deleted', { name: deleting.name }));
              setDeleting(null);
            },
          })
        }
      >
        {deleting && t('suppliers.confirmDelete', { name: deleting.name })}
      </ConfirmModal>
    </CatalogueLayout>
  );
}

function SupplierForm({ supplier, onClose, onSaved }: { supplier?: Supplier; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('catalogue');
  const save = useSaveSupplier();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { name: supplier?.name ?? '', email: supplier?.email ?? '', phone: supplier?.phone ?? '' },
    validate: {
      name: (value) => message(t, requiredText(value, 200)),
      email: (value) => message(t, emailProblem(value, false)),
      phone: (value) => message(t, optionalText(value, 50)),
    },
  });
  const submit = form.onSubmit((values) => {
    setError(null);
    // The API refuses an empty email or phone (and null): an empty field is left out.
    const input: SupplierInput = { name: values.name };
    if (values.email !== '') input.email = values.email;
    if (values.phone !== '') input.phone = values.phone;
    save.mutate(
      { id: supplier?.id, input },
      {
        onSuccess: onSaved,
        onError: (failure) => {
          const onFields = fieldErrors(failure);
          if (Object.keys(onFields).length > 0) form.setErrors(onFields);
          else setError(failure);
        },
      },
    );
  });
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      title={supplier ? t('suppliers.editTitle') : t('suppliers.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <ErrorAlert error={error} />}
          <TextInput label={t('suppliers.name')} required maxLength={200} data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('suppliers.email')} type="email" {...form.getInputProps('email')} />
          <TextInput label={t('suppliers.phone')} type="tel" maxLength={50} {...form.getInputProps('phone')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
