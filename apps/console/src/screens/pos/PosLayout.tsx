import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenTabs } from '../../ui/ScreenTabs';

/** The point of sale's frame: the sale and returns as tabs, each its own URL. */
export function PosLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('pos');
  const { t: common } = useTranslation();
  return (
    <ScreenTabs
      title={common('nav.pos')}
      tabs={[
        { value: 'sale', label: t('tabs.sale'), to: '/pos' },
        { value: 'returns', label: t('tabs.returns'), to: '/pos/returns' },
      ]}
    >
      {children}
    </ScreenTabs>
  );
}
