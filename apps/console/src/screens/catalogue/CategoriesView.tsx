import { Alert, Button, Group, Modal, Stack, Table, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGo } from './navigation';
import { type Category, useCategories, useDeleteCategory, useSaveCategory } from '../../api/hooks/categories';
import { formatDate } from '../../lib/format';
import { ErrorAlert, fieldErrors } from '../../ui/ErrorAlert';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { CatalogueLayout } from './CatalogueLayout';
import { ConfirmModal } from './ConfirmModal';
import { productsInUse } from './in-use';
import type { PageSearch } from './routes';
import { maxLength, message, requiredText } from './rules';

const PAGE_SIZE = 20;

export function CategoriesView() {
  const { t, i18n } = useTranslation('catalogue');
  const search = useSearch({ strict: false }) as PageSearch;
  const navigate = useGo();
  const offset = search.offset ?? 0;
  const categories = useCategories({ limit: PAGE_SIZE, offset });
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Category | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useDeleteCategory();
  const inUse = productsInUse(remove.error);

  return (
    <CatalogueLayout>
      <Group justify="flex-end" mb="md">
        <Button onClick={() => setEditing('new')}>{t('categories.new')}</Button>
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
      <QueryState query={categories} isEmpty={(page) => page.data.length === 0} empty={t('categories.empty')}>
        {(page) => (
          <>
            <Table.ScrollContainer minWidth={600}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('categories.columns.name')}</Table.Th>
                    <Table.Th>{t('categories.columns.description')}</Table.Th>
                    <Table.Th>{t('categories.columns.created')}</Table.Th>
                    <Table.Th>{t('categories.columns.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.map((category) => (
                    <Table.Tr key={category.id}>
                      <Table.Td>{category.name}</Table.Td>
                      <Table.Td>{category.description ?? t('products.none')}</Table.Td>
                      <Table.Td>{formatDate(category.created_at, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setEditing(category)}
                            aria-label={t('categories.edit', { name: category.name })}
                          >
                            {t('common:actions.edit')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => {
                              remove.reset();
                              setDeleting(category);
                            }}
                            aria-label={t('categories.delete', { name: category.name })}
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
              onChange={(next) => void navigate({ to: '/catalogue/categories', search: { offset: next || undefined } })}
            />
          </>
        )}
      </QueryState>
      {editing !== null && (
        <CategoryForm
          category={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        title={t('categories.confirmDeleteTitle')}
        confirmLabel={t('common:actions.delete')}
        pending={remove.isPending}
        error={
          remove.error &&
          (inUse !== undefined && deleting ? (
            <Alert color="red" role="alert">
              {t('categories.inUse', { name: deleting.name, count: inUse })}
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
              setNotice(t('categories.deleted', { name: deleting.name }));
              setDeleting(null);
            },
          })
        }
      >
        {deleting && t('categories.confirmDelete', { name: deleting.name })}
      </ConfirmModal>
    </CatalogueLayout>
  );
}

function CategoryForm({ category, onClose, onSaved }: { category?: Category; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('catalogue');
  const save = useSaveCategory();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { name: category?.name ?? '', description: category?.description ?? '' },
    validate: {
      name: (value) => message(t, requiredText(value, 100)),
      description: (value) => message(t, maxLength(value, 2000)),
    },
  });
  const submit = form.onSubmit((values) => {
    setError(null);
    // An empty description is left out of a new category; an edit may empty it.
    const input = values.description === '' && !category ? { name: values.name } : values;
    save.mutate(
      { id: category?.id, input },
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
      title={category ? t('categories.editTitle') : t('categories.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <ErrorAlert error={error} />}
          <TextInput label={t('categories.name')} required maxLength={100} data-autofocus {...form.getInputProps('name')} />
          <Textarea label={t('categories.description')} autosize minRows={2} {...form.getInputProps('description')} />
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
