import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';

export function OrdersScreen() {
  const { t } = useTranslation();
  return <PageHeader title={t('nav.orders')} />;
}
