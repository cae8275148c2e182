import { Tabs } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useGo } from './navigation';
import { PageHeader } from '../../ui/PageHeader';

const TABS = ['products', 'categories', 'suppliers'] as const;
type Tab = (typeof TABS)[number];

/** The catalogue's frame around each of its views: its title and one tab per list, each tab its own URL. */
export function CatalogueLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('catalogue');
  const navigate = useGo();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const current: Tab = TABS.find((tab) => pathname.startsWith(`/catalogue/${tab}`)) ?? 'products';
  return (
    <>
      <PageHeader title={t('title')} />
      <Tabs
        value={current}
        onChange={(tab) => tab && void navigate({ to: `/catalogue/${tab}` })}
        keepMounted={false}
        aria-label={t('title')}
      >
        <Tabs.List mb="md">
          {TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((tab) => (
          <Tabs.Panel key={tab} value={tab}>
            {tab === current && children}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
