import { Alert, Button, Code, Group, Loader, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useProducts } from '../../api/hooks/products';
import { type Saga, isTerminal, useRetrySaga, useSaga } from '../../api/hooks/sagas';
import { formatDateTime, formatDuration } from '../../lib/format';
import { AnchorLink } from '../../ui/AnchorLink';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryState } from '../../ui/QueryState';
import { OrdersLayout } from './OrdersLayout';
import { describeFailure } from './reason';
import { StatusBadge } from './StatusBadge';
import { type TimelineEntry, statusColor, timelineOf } from './timeline';

/** One order's processing: every step and compensation as it happens (long-polled until the saga ends). */
export function SagaTimelineView() {
  const { t } = useTranslation('orders');
  const { sagaId } = useParams({ from: '/app/orders/sagas/$sagaId' });
  const saga = useSaga(sagaId);
  return (
    <OrdersLayout>
      <AnchorLink to="/orders/sagas" size="sm">
        ← {t('timeline.back')}
      </AnchorLink>
      <QueryState query={saga}>{(data) => <SagaTimeline saga={data} />}</QueryState>
    </OrdersLayout>
  );
}

export function SagaTimeline({ saga }: { saga: Saga }) {
  const { t, i18n } = useTranslation('orders');
  const retry = useRetrySaga(saga.saga_id);
  // The catalogue is small (tens of products): one page names every product of the order.
  const catalogue = useProducts({ limit: 100 });
  const productName = (id: number) => catalogue.data?.data.find((product) => product.id === id)?.name ?? `#${id}`;
  const entries = timelineOf(saga);
  const steps = entries.filter((entry) => entry.kind === 'step');
  const compensations = entries.filter((entry) => entry.kind === 'compensation');
  const running = !isTerminal(saga.status);
  const address = (value: Saga['shipping_address']) =>
    typeof value === 'string' ? value : `${value.street}, ${value.postal_code} ${value.city}, ${value.country}`;

  return (
    <Stack mt="sm">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Title order={2} size="h3">
            {t('timeline.title')} <Code fz="sm">{saga.saga_id.slice(0, 8)}</Code>
          </Title>
          <StatusBadge status={saga.status} label={t(`sagaStatus.${saga.status}`)} />
        </Group>
        {running && (
          <Group gap="xs" role="status" aria-live="polite">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('timeline.following')}
            </Text>
          </Group>
        )}
      </Group>

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
          <Fact label={t('timeline.customer')}>{saga.customer_id}</Fact>
          <Fact label={t('timeline.order')}>
            {saga.order_id ? (
              <AnchorLink to="/orders" search={{ customer: saga.customer_id }}>
                #{saga.order_id}
              </AnchorLink>
            ) : (
              t('timeline.none')
            )}
          </Fact>
          <Fact label={t('timeline.payment')}>{saga.payment_id ? `#${saga.payment_id}` : t('timeline.none')}</Fact>
          <Fact label={t('timeline.paymentMethod')}>{t(`payment.${saga.payment_method}`)}</Fact>
          <Fact label={t('timeline.duration')}>{formatDuration(saga.duration, i18n.language)}</Fact>
          <Fact label={t('timeline.started')}>{formatDateTime(saga.created_at, i18n.language)}</Fact>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
          <Fact label={t('timeline.products')}>
            {saga.products
              .map((line) => t('timeline.productLine', { quantity: line.quantity, name: productName(line.product_id) }))
              .join(', ')}
          </Fact>
          <Fact label={t('timeline.shipping')}>{address(saga.shipping_address)}</Fact>
        </SimpleGrid>
      </Paper>

      {saga.failure_reason && (
        <Alert
          color={saga.status === 'FAILED' ? 'red' : 'orange'}
          title={t('timeline.failureTitle')}
          // The title in the text colour: the tint's own shade is under 4.5:1 on its light background.
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          <Text size="sm">{describeFailure(t, saga.failure_reason)}</Text>
          <Code fz="xs">{saga.failure_reason}</Code>
          {saga.status === 'FAILED' && (
            <Stack gap="xs" mt="sm">
              <Text size="sm">{t('timeline.retryHint')}</Text>
              {retry.error !== null && <ErrorAlert error={retry.error} />}
              <Group>
                <Button color="red" loading={retry.isPending} onClick={() => retry.mutate()}>
                  {t('timeline.retry')}
                </Button>
              </Group>
            </Stack>
          )}
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, md: compensations.length > 0 ? 2 : 1 }} spacing="lg">
        <Entries title={t('timeline.steps')} entries={steps} />
        {compensations.length > 0 && <Entries title={t('timeline.compensations')} entries={compensations} />}
      </SimpleGrid>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {children}
      </Text>
    </div>
  );
}

function Entries({ title, entries }: { title: string; entries: TimelineEntry[] }) {
  const { t, i18n } = useTranslation('orders');
  const done = entries.filter((entry) => entry.status !== 'PENDING' && entry.status !== 'SKIPPED').length;
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <Timeline
        active={done - 1}
        bulletSize={18}
        lineWidth={2}
        component="ol"
        style={{ listStyle: 'none', paddingInlineStart: 0 }}
      >
        {entries.map((entry) => (
          <Timeline.Item
            key={`${entry.kind}-${entry.name}`}
            component="li"
            color={statusColor(entry.status)}
            title={
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {t(`steps.${entry.name}` as never, { defaultValue: entry.name })}
                </Text>
                <StatusBadge status={entry.status} label={t(`stepStatus.${entry.status}`)} />
              </Group>
            }
          >
            {entry.attempts > 0 && (
              <Text size="xs" c="dimmed">
                {t('timeline.attempts', { count: entry.attempts })} · {formatDuration(entry.duration, i18n.language)}
              </Text>
            )}
            {entry.error && (
              <Text size="xs" c="red.9">
                {entry.error}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
