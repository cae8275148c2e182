import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/ErrorAlert';

/** A screen that failed to render or load: said in words, with a way on, never a blank page. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <Stack p="md">
      <ErrorAlert error={error} onRetry={reset} />
    </Stack>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Stack align="center">
        <Title order={1} size="h3">
          {t('notFound.title')}
        </Title>
        <Text c="dimmed">{t('notFound.text')}</Text>
        <Button component={Link} to="/">
          {t('notFound.home')}
        </Button>
      </Stack>
    </Center>
  );
}
