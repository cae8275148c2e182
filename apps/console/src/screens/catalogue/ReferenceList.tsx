import { Alert, Button, Group, Modal, Stack, Table } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldErrors } from '../../ui/ErrorAlert';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { CatalogueLayout } from './CatalogueLayout';
import { ConfirmModal } from './ConfirmModal';
import { productsInUse } from './in-use';
import { useGo } from './navigation';
import type { PageSearch } from './routes';

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
  useList: (page: { limit: number; offset: number }) => UseQueryResult<{ data: T[]; total: number }>;
  useDelete: () => UseMutationResult<unknown, Error, number>;
  minWidth: number;
  columns: Array<{ header: string; cell: (item: T) => ReactNode }>;
  renderForm: (item: T | undefined, close: () => void) => ReactNode;
}) {
  const { t } = useTranslation('catalogue');
  const search = useSearch({ strict: false }) as PageSearch;
  const navigate = useGo();
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
      <QueryState query={list} isEmpty={(page) => page.data.length === 0} empty={t(`${kind}.empty`)}>
        {(page) => (
          <>
            <Table.ScrollContainer minWidth={minWidth}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    {columns.map((column) => (
                      <Table.Th key={column.header}>{t(`${kind}.columns.${column.header}`)}</Table.Th>
                    ))}
                    <Table.Th>{t(`${kind}.columns.actions`)}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.map((item) => (
                    <Table.Tr key={item.id}>
                      {columns.map((column) => (
                        <Table.Td key={column.header}>{column.cell(item)}</Table.Td>
                      ))}
                      <Table.Td>
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
              onChange={(next) => void navigate({ to: `/catalogue/${kind}`, search: { offset: next || undefined } })}
            />
          </>
        )}
      </QueryState>
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

/**
 * The dialog around a category's or supplier's form: a 400's problems onto the form's fields, anything else above
 * them, Save and Cancel.
 */
export function ReferenceForm<Values extends Record<string, unknown>, Input>({
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
  const [error, setError] = useState<unknown>(null);
  const submit = form.onSubmit((values) => {
    setError(null);
    save.mutate(toInput(values), {
      onSuccess: onClose,
      onError: (failure) => {
        const onFields = fieldErrors(failure);
        if (Object.keys(onFields).length > 0) form.setErrors(onFields);
        else setError(failure);
      },
    });
  });
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      title={editing ? t(`${kind}.editTitle`) : t(`${kind}.createTitle`)}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <ErrorAlert error={error} />}
          {children}
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
