import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenTabs } from '../../ui/ScreenTabs';

/** The Orders screen's frame around each of its views: its title and one tab per view, each its own URL. */
export function OrdersLayout({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useTranslation('orders');
  return (
    <ScreenTabs
      title={title ?? t('title')}
      tabs={[
        { value: 'orders', label: t('tabs.orders'), to: '/orders' },
        { value: 'sagas', label: t('tabs.sagas'), to: '/orders/sagas' },
        { value: 'customers', label: t('tabs.customers'), to: '/orders/customers' },
        { value: 'new', label: t('tabs.new'), to: '/orders/new' },
      ]}
    >
      {children}
    </ScreenTabs>
  );
}
