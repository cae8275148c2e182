import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenTabs } from '../../ui/ScreenTabs';

/** The Stock screen's frame: the levels and the restock requests as tabs, each its own URL. */
export function StockLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('stock');
  const { t: common } = useTranslation();
  return (
    <ScreenTabs
      title={common('nav.stock')}
      tabs={[
        { value: 'levels', label: t('tabs.levels'), to: '/stock' },
        { value: 'restock', label: t('tabs.restock'), to: '/stock/restock' },
      ]}
    >
      {children}
    </ScreenTabs>
  );
}
