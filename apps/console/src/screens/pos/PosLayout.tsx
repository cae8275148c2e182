import { Tabs } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';

/** The point of sale's frame: the sale and returns as tabs, each its own URL. */
export function PosLayout({ tab, children }: { tab: 'sale' | 'returns'; children: ReactNode }) {
  const { t } = useTranslation('pos');
  const { t: common } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={common('nav.pos')} />
      <Tabs value={tab} onChange={(next) => void navigate(next === 'returns' ? { to: '/pos/returns' } : { to: '/pos' })}>
        <Tabs.List mb="md">
          <Tabs.Tab value="sale">{t('tabs.sale')}</Tabs.Tab>
          <Tabs.Tab value="returns">{t('tabs.returns')}</Tabs.Tab>
        </Tabs.List>
        {/* The view sits in its tab's panel, so that the tabs' aria-controls point at a real panel. */}
        <Tabs.Panel value="sale">{tab === 'sale' && children}</Tabs.Panel>
        <Tabs.Panel value="returns">{tab === 'returns' && children}</Tabs.Panel>
      </Tabs>
    </>
  );
}
