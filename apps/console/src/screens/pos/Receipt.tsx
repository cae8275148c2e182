import { Button, Card, Divider, Group, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Sale } from '../../api/hooks/sales';
import { formatDateTime } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { Money } from '../../ui/Money';

/** The receipt of a recorded sale, as the API priced it. */
export function Receipt({
  sale,
  productName,
  storeName,
  registerCode,
  onNewSale,
}: {
  sale: Sale;
  productName: (id: number) => string;
  storeName: string;
  registerCode: string;
  onNewSale: () => void;
}) {
  const { t, i18n } = useTranslation('pos');
  const navigate = useNavigate();
  return (
    <Card withBorder component="section" aria-labelledby="receipt-title">
      <Title order={2} size="h4" id="receipt-title">
        {t('receipt.title')}
      </Title>
      <Text fw={600} mt="xs">
        {t('receipt.sale', { id: sale.id })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('receipt.soldAt', { date: formatDateTime(sale.sold_at, i18n.language) })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('receipt.place', { store: storeName, register: registerCode })}
      </Text>
      <DataTable
        mt="sm"
        verticalSpacing={4}
        rows={sale.lines}
        rowKey={(line) => line.product_id}
        columns={[
          { header: t('basket.product'), cell: (line) => productName(line.product_id) },
          { header: t('basket.quantity'), numeric: true, cell: (line) => line.quantity },
          { header: t('basket.unitPrice'), numeric: true, cell: (line) => <Money amount={line.unit_price} /> },
          { header: t('basket.lineTotal'), numeric: true, cell: (line) => <Money amount={line.line_total} /> },
        ]}
      />
      <Divider my="sm" />
      <Group justify="space-between">
        <Text fw={700} size="lg">
          {t('receipt.total')}
        </Text>
        <Text fw={700} size="lg">
          <Money amount={sale.total} />
        </Text>
      </Group>
      <Group justify="flex-end" mt="md">
        <Button
          variant="subtle"
          onClick={() => void navigate({ to: '/pos/returns', search: { sale: sale.id, store: sale.store_id } })}
        >
          {t('receipt.returnItems')}
        </Button>
        <Button variant="default" onClick={() => window.print()}>
          {t('receipt.print')}
        </Button>
        <Button onClick={onNewSale}>{t('receipt.newSale')}</Button>
      </Group>
    </Card>
  );
}
