import { Alert, Button, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';

/** What a person reads for an error: the kind in their language, and the API's own words where they help. */
function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (!(error instanceof ApiError))
      return t('errors.server', { message: error instanceof Error ? error.message : String(error) });
    switch (error.kind) {
      case 'validation':
        return error.details.fields?.length ? t('errors.validation') : error.message;
      case 'unauthorized':
        return t('errors.unauthorized');
      case 'forbidden':
        return t('errors.forbidden');
      case 'not-found':
        return t('errors.notFound');
      case 'conflict':
        return t('errors.conflict', { reason: error.message });
      case 'rate-limited':
        return error.details.retryAfterSeconds !== undefined
          ? t('errors.rateLimited', { seconds: error.details.retryAfterSeconds })
          : t('errors.rateLimitedNoDelay');
      case 'unavailable':
        return t('errors.unavailable');
      case 'server':
        return error.details.errorId
          ? t('errors.serverWithId', { id: error.details.errorId })
          : t('errors.server', { message: error.message });
    }
  };
}

/**
 * An error as a person can act on it. A 400's field problems are listed when no form shows them on its fields
 * (`showFields`); a form maps them onto its inputs with `fieldErrors` instead.
 */
export function ErrorAlert({
  error,
  onRetry,
  showFields = true,
}: {
  error: unknown;
  onRetry?: () => void;
  showFields?: boolean;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  const fields = error instanceof ApiError && showFields ? (error.details.fields ?? []) : [];
  return (
    <Alert color={error instanceof ApiError && error.kind === 'rate-limited' ? 'yellow' : 'red'} role="alert" title={message}>
      {fields.length > 0 && (
        <List size="sm">
          {fields.map((field) => (
            <List.Item key={field.field}>
              <Text span fw={600} size="sm">
                {field.field}
              </Text>
              : {field.problems.join('; ')}
            </List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Group mt="xs">
          <Button size="xs" variant="light" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}

/**
 * A 400's problems by field, for a Mantine form's `setErrors`: `{ sku: 'sku must not be empty or only spaces' }`.
 * `prefix` maps nested API fields onto a form's (`lines.0.quantity` → `lines.0.quantity`).
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.kind !== 'validation') return {};
  return Object.fromEntries((error.details.fields ?? []).map((field) => [field.field, field.problems.join('; ')]));
}
