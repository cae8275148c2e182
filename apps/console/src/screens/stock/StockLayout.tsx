import { Tabs } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';

/** The Stock screen's frame: the levels and the restock requests as tabs, each its own URL. */
export function StockLayout({ tab, children }: { tab: 'levels' | 'restock'; children: ReactNode }) {
  const { t } = useTranslation('stock');
  const { t: common } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={common('nav.stock')} />
      <Tabs value={tab} onChange={(next) => void navigate(next === 'restock' ? { to: '/stock/restock' } : { to: '/stock' })}>
        <Tabs.List mb="md">
          <Tabs.Tab value="levels">{t('tabs.levels')}</Tabs.Tab>
          <Tabs.Tab value="restock">{t('tabs.restock')}</Tabs.Tab>
        </Tabs.List>
        {/* The view sits in its tab's panel, so that the tabs' aria-controls point at a real panel. */}
        <Tabs.Panel value="levels">{tab === 'levels' && children}</Tabs.Panel>
        <Tabs.Panel value="restock">{tab === 'restock' && children}</Tabs.Panel>
      </Tabs>
    </>
  );
}
