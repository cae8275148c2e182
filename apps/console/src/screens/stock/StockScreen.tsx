import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';

export function StockScreen() {
  const { t } = useTranslation();
  return <PageHeader title={t('nav.stock')} />;
}
