import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { gatewayUrl } from '../api/config';
import { apiErrorFrom, networkError } from '../api/errors';
import { session } from '../auth/session';
import { ErrorAlert } from '../ui/ErrorAlert';

/** Checks the key with one cheap call through the gateway before keeping it. */
export function SignIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { redirect } = useSearch({ from: '/sign-in' });
  const [error, setError] = useState<unknown>();
  const [checking, setChecking] = useState(false);
  const form = useForm({
    initialValues: { apiKey: '' },
    validate: { apiKey: (value) => (value.trim() ? null : t('signIn.required')) },
  });

  const submit = form.onSubmit(async ({ apiKey }) => {
    setChecking(true);
    setError(undefined);
    try {
      const key = apiKey.trim();
      // The check runs with the candidate key; it is kept only if the gateway accepts it.
      const response = await fetch(`${gatewayUrl()}/api/v1/stores?limit=1`, { headers: { 'X-API-Key': key } }).catch(
        (cause: unknown) => {
          throw networkError(cause);
        },
      );
      if (response.status === 401 || response.status === 403) {
        form.setFieldError('apiKey', t('signIn.invalid'));
        return;
      }
      if (!response.ok) throw apiErrorFrom(response.status, await response.json().catch(() => undefined), response.headers);
      session.signIn(key);
      await navigate({ to: redirect ?? '/' });
    } catch (caught) {
      setError(caught);
    } finally {
      setChecking(false);
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={380} maw="100%" component="main">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">
              {t('signIn.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('signIn.intro')}
            </Text>
            {error !== undefined && <ErrorAlert error={error} />}
            <PasswordInput label={t('signIn.apiKey')} autoComplete="off" autoFocus {...form.getInputProps('apiKey')} />
            <Button type="submit" loading={checking}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
