import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenTabs } from '../../ui/ScreenTabs';

/** The catalogue's frame around each of its views: its title and one tab per list, each tab its own URL. */
export function CatalogueLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('catalogue');
  return (
    <ScreenTabs
      title={t('title')}
      label={t('title')}
      tabs={[
        { value: 'products', label: t('tabs.products'), to: '/catalogue/products' },
        { value: 'categories', label: t('tabs.categories'), to: '/catalogue/categories' },
        { value: 'suppliers', label: t('tabs.suppliers'), to: '/catalogue/suppliers' },
      ]}
    >
      {children}
    </ScreenTabs>
  );
}
