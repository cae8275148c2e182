import { ActionIcon, Button, Card, Group, NumberInput, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type BasketLine,
  MAX_BASKET_LINES,
  MAX_LINE_QUANTITY,
  basketProblems,
  basketTotal,
  itemCount,
  lineTotal,
} from '../../lib/basket';
import { DataTable } from '../../ui/DataTable';
import { Money } from '../../ui/Money';

/** The basket: quantities (+/−, typed), catalogue prices, totals in cents, and the button that records the sale. */
export function Basket({
  lines,
  lineErrors,
  onQuantity,
  onRemove,
  onClear,
  onRecord,
  recording,
  canRecord,
}: {
  lines: BasketLine[];
  /** What the API said about a line (by product id), e.g. a product no longer sold. */
  lineErrors: Record<number, string>;
  onQuantity: (productId: number, quantity: number) => void;
  onRemove: (productId: number) => void;
  onClear: () => void;
  onRecord: () => void;
  recording: boolean;
  canRecord: boolean;
}) {
  const { t } = useTranslation('pos');
  const problems = basketProblems(lines);
  const problemText = (productId: number) => {
    const problem = problems.lines[productId];
    return problem ? t(`basket.problems.${problem}`, { max: MAX_LINE_QUANTITY }) : lineErrors[productId];
  };
  const valid = !problems.empty && !problems.tooManyLines && Object.keys(problems.lines).length === 0;
  return (
    <Card withBorder component="section" aria-labelledby="basket-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="basket-title">
          {t('basket.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('basket.items', { count: itemCount(lines) })}
        </Text>
      </Group>
      {lines.length === 0 ? (
        <Text c="dimmed" py="md" ta="center">
          {t('basket.empty')}
        </Text>
      ) : (
        <ScrollArea type="auto">
          <DataTable
            verticalSpacing="xs"
            miw={400}
            rows={lines}
            rowKey={(line) => line.productId}
            columns={[
              {
                header: t('basket.product'),
                cell: (line) => (
                  <>
                    <Text size="sm" fw={500}>
                      {line.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {line.sku} · <Money amount={line.unitPrice} />
                    </Text>
                  </>
                ),
              },
              {
                header: t('basket.quantity'),
                cell: (line) => (
                  <Group gap={4} wrap="nowrap" align="flex-start">
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={t('basket.fewer', { name: line.name })}
                      disabled={line.quantity <= 1}
                      onClick={() => onQuantity(line.productId, line.quantity - 1)}
                    >
                      −
                    </ActionIcon>
                    <NumberInput
                      aria-label={t('basket.quantityOf', { name: line.name })}
                      value={line.quantity}
                      onChange={(value) => onQuantity(line.productId, value === '' ? Number.NaN : Number(value))}
                      min={1}
                      max={MAX_LINE_QUANTITY}
                      allowDecimal={false}
                      allowNegative={false}
                      hideControls
                      w={64}
                      error={problemText(line.productId)}
                    />
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={t('basket.more', { name: line.name })}
                      disabled={line.quantity >= MAX_LINE_QUANTITY}
                      onClick={() => onQuantity(line.productId, (Number.isFinite(line.quantity) ? line.quantity : 0) + 1)}
                    >
                      +
                    </ActionIcon>
                  </Group>
                ),
              },
              { header: t('basket.lineTotal'), numeric: true, cell: (line) => <Money amount={lineTotal(line)} /> },
              {
                numeric: true,
                cell: (line) => (
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    aria-label={t('basket.remove', { name: line.name })}
                    onClick={() => onRemove(line.productId)}
                  >
                    ×
                  </Button>
                ),
              },
            ]}
          />
        </ScrollArea>
      )}
      {problems.tooManyLines && (
        <Text c="red" size="sm" mt="xs">
          {t('basket.tooManyLines', { max: MAX_BASKET_LINES })}
        </Text>
      )}
      <Stack gap="sm" mt="md">
        <Group justify="space-between">
          <Text fw={700} size="lg">
            {t('basket.total')}
          </Text>
          <Text fw={700} size="lg" data-testid="basket-total">
            <Money amount={basketTotal(lines)} />
          </Text>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClear} disabled={lines.length === 0 || recording}>
            {t('basket.clear')}
          </Button>
          <Button size="md" onClick={onRecord} loading={recording} disabled={!valid || !canRecord}>
            {t('basket.record')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
