import { Tabs } from '@mantine/core';
import { type RegisteredRouter, useNavigate, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader';

/** A route's path without parameters (and not an index route's trailing slash): what a tab can open. */
type ViewPath = Exclude<keyof RegisteredRouter['routesByPath'], `${string}$${string}` | `${string}/`>;

/** A view of a screen that has one tab per view: each its own URL, so that links and the back button work. */
interface ScreenTab {
  value: string;
  label: string;
  to: ViewPath;
}

/**
 * A screen's frame: its title, then its views as tabs. The tab shown is the one whose URL the address is at or
 * below; the view sits in its tab's panel, so that the tabs' aria-controls point at a real panel.
 */
export function ScreenTabs({
  title,
  tabs,
  label,
  children,
}: {
  title: string;
  tabs: readonly ScreenTab[];
  /** The tab list's accessible name, where the screen gives it one. */
  label?: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const under = (tab: ScreenTab) => pathname === tab.to || pathname.startsWith(`${tab.to}/`);
  // The deepest tab the address is at or below: /orders/sagas/… is the sagas tab, not the orders one.
  const current = [...tabs].sort((a, b) => b.to.length - a.to.length).find(under) ?? tabs[0];
  return (
    <>
      <PageHeader title={title} />
      <Tabs
        value={current.value}
        onChange={(value) => {
          const tab = tabs.find((candidate) => candidate.value === value);
          if (tab) void navigate({ to: tab.to });
        }}
        aria-label={label}
      >
        <Tabs.List mb="md">
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value}>
            {tab === current && children}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
