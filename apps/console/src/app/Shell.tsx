import { Alert, Anchor, AppShell, Burger, Button, Group, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { session } from '../auth/session';
import { LANGUAGES, type Language, setLanguage } from '../i18n';
import { useGatewayDown } from './gateway-status';
import './shell.css';

const NAVIGATION = [
  { to: '/', key: 'overview' },
  { to: '/pos', key: 'pos' },
  { to: '/stock', key: 'stock' },
  { to: '/catalogue', key: 'catalogue' },
  { to: '/orders', key: 'orders' },
  { to: '/reports', key: 'reports' },
] as const;

/** The frame of every screen: navigation (a drawer on a phone), language, sign-out, and the "system down" banner. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const down = useGatewayDown();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        {/* For keyboard users: past the navigation in one step (visible when focused). */}
        <Anchor href="#main" className="skip-link">
          {t('skipToContent')}
        </Anchor>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={2} size="h4">
              {t('appName')}
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SegmentedControl
              size="xs"
              aria-label={t('language')}
              value={i18n.language}
              onChange={(value) => setLanguage(value as Language)}
              data={Object.entries(LANGUAGES).map(([value, label]) => ({ value, label }))}
            />
            <Button size="xs" variant="default" onClick={() => session.signOut()}>
              {t('signIn.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('appName')} component="nav">
        {NAVIGATION.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(`nav.${item.key}`)}
            active={item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {down && (
          <Alert color="red" mb="md" role="alert" title={t('errors.unavailable')}>
            <Text size="sm">{down}</Text>
          </Alert>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
