import { Tabs } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { useGo } from '../catalogue/navigation';

const TABS = [
  { value: 'orders', to: '/orders' },
  { value: 'sagas', to: '/orders/sagas' },
  { value: 'customers', to: '/orders/customers' },
  { value: 'new', to: '/orders/new' },
] as const;

/** The Orders screen's frame around each of its views: its title and one tab per view, each its own URL. */
export function OrdersLayout({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useTranslation('orders');
  const navigate = useGo();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const current = [...TABS].reverse().find((tab) => pathname.startsWith(tab.to))?.value ?? 'orders';
  return (
    <>
      <PageHeader title={title ?? t('title')} />
      <Tabs value={current} onChange={(value) => value && void navigate({ to: TABS.find((tab) => tab.value === value)!.to })}>
        <Tabs.List mb="md">
          {TABS.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {t(`tabs.${tab.value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value}>
            {tab.value === current && children}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
