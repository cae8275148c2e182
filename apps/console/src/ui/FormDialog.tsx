import { Button, Group, type MantineSize, Modal, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldErrors } from './ErrorAlert';

/**
 * A form in a dialog (create or edit one thing): its fields, Cancel and the submit button. What the API refuses
 * goes onto the fields it names (a 400's, or what `fieldsOf` reads from a 409's code); anything else above them.
 */
export function FormDialog<Values>({
  title,
  size,
  form,
  send,
  fieldsOf = fieldErrors,
  pending,
  submitLabel,
  onClose,
  children,
}: {
  title: string;
  size?: MantineSize;
  form: UseFormReturnType<Values>;
  /** Sends the valid values; calls `refused` with the error if the API refuses them. */
  send: (values: Values, refused: (failure: unknown) => void) => void;
  fieldsOf?: (failure: unknown) => Record<string, string>;
  pending: boolean;
  submitLabel: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const submit = form.onSubmit((values) => {
    setError(null);
    send(values, (failure) => {
      const onFields = fieldsOf(failure);
      if (Object.keys(onFields).length > 0) form.setErrors(onFields);
      else setError(failure);
    });
  });
  return (
    <Modal opened onClose={onClose} title={title} size={size} closeButtonProps={{ 'aria-label': t('actions.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <ErrorAlert error={error} />}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
