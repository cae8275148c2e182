import { Alert, Button, Group } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormDialog } from '../../ui/FormDialog';
import { type Page, PagedTable } from '../../ui/PagedTable';
import { Notice } from '../../ui/SuccessAlert';
import { CatalogueLayout } from './CatalogueLayout';
import { ConfirmModal } from './ConfirmModal';
import { productsInUse } from './in-use';

const PAGE_SIZE = 20;

interface Named {
  id: number;
  name: string;
}

/** Its i18n keys (`<kind>.new`, `<kind>.inUse`, …) in the catalogue namespace, and its tab's path. */
type Kind = 'categories' | 'suppliers';

/**
 * What products refer to (categories, suppliers): a page of them with edit and delete, a 409 on delete said as
 * "<name> cannot be deleted: N products use it", and the form in a dialog. Each kind says its columns and its form.
 */
export function ReferenceList<T extends Named>({
  kind,
  useList,
  useDelete,
  minWidth,
  columns,
  renderForm,
}: {
  kind: Kind;
  useList: (page: { limit: number; offset: number }) => UseQueryResult<Page<T>>;
  useDelete: () => UseMutationResult<unknown, Error, number>;
  minWidth: number;
  columns: Array<{ header: string; cell: (item: T) => ReactNode }>;
  renderForm: (item: T | undefined, close: () => void) => ReactNode;
}) {
  const { t } = useTranslation('catalogue');
  const search = useSearch({ strict: false });
  const navigate = useNavigate();
  const offset = search.offset ?? 0;
  const list = useList({ limit: PAGE_SIZE, offset });
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useDelete();
  const inUse = productsInUse(remove.error);

  return (
    <CatalogueLayout>
      <Group justify="flex-end" mb="md">
        <Button onClick={() => setEditing('new')}>{t(`${kind}.new`)}</Button>
      </Group>
      {notice && <Notice onClose={() => setNotice(null)}>{notice}</Notice>}
      <PagedTable
        query={list}
        empty={t(`${kind}.empty`)}
        limit={PAGE_SIZE}
        offset={offset}
        onPage={(next) => void navigate({ to: `/catalogue/${kind}`, search: { offset: next || undefined } })}
        minWidth={minWidth}
        rowKey={(item) => item.id}
        columns={[
          ...columns.map((column) => ({ header: t(`${kind}.columns.${column.header}`), cell: column.cell })),
          {
            header: t(`${kind}.columns.actions`),
            cell: (item: T) => (
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditing(item)}
                  aria-label={t(`${kind}.edit`, { name: item.name })}
                >
                  {t('common:actions.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    remove.reset();
                    setDeleting(item);
                  }}
                  aria-label={t(`${kind}.delete`, { name: item.name })}
                >
                  {t('common:actions.delete')}
                </Button>
              </Group>
            ),
          },
        ]}
      />
      {editing !== null && renderForm(editing === 'new' ? undefined : editing, () => setEditing(null))}
      <ConfirmModal
        opened={deleting !== null}
        title={t(`${kind}.confirmDeleteTitle`)}
        confirmLabel={t('common:actions.delete')}
        pending={remove.isPending}
        error={
          remove.error &&
          (inUse !== undefined && deleting ? (
            <Alert color="red" role="alert">
              {t(`${kind}.inUse`, { name: deleting.name, count: inUse })}
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
              setNotice(t(`${kind}.deleted`, { name: deleting.name }));
              setDeleting(null);
            },
          })
        }
      >
        {deleting && t(`${kind}.confirmDelete`, { name: deleting.name })}
      </ConfirmModal>
    </CatalogueLayout>
  );
}

/** The dialog around a category's or supplier's form: its title by kind, Save and Cancel; closed once saved. */
export function ReferenceForm<Values, Input>({
  kind,
  editing,
  form,
  toInput,
  save,
  onClose,
  children,
}: {
  kind: Kind;
  editing: boolean;
  form: UseFormReturnType<Values>;
  toInput: (values: Values) => Input;
  save: UseMutationResult<unknown, Error, Input>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('catalogue');
  return (
    <FormDialog
      title={editing ? t(`${kind}.editTitle`) : t(`${kind}.createTitle`)}
      form={form}
      send={(values, refused) => save.mutate(toInput(values), { onSuccess: onClose, onError: refused })}
      pending={save.isPending}
      submitLabel={t('common:actions.save')}
      onClose={onClose}
    >
      {children}
    </FormDialog>
  );
}
