import { Anchor, type AnchorProps } from '@mantine/core';
import { Link, redirect, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/**
 * Navigation by plain path and search, for the catalogue and orders screens. Written while the screens' routes hung
 * under an untyped parent; they are typed now (app/app-route.ts), so TanStack Router's own `useNavigate` and `Link`
 * could check these paths and search params: moving these calls over is left to do (it casts, so a typo in a path
 * is found by the e2e suite, not by the compiler).
 */
export type Go = (options: { to: string; search?: Record<string, unknown>; replace?: boolean }) => Promise<void>;

export function useGo(): Go {
  return useNavigate() as unknown as Go;
}

export function redirectTo(to: string): never {
  throw redirect({ to, replace: true } as Parameters<typeof redirect>[0]);
}

/** A link inside the console, by plain path (see `Go`): a real anchor, so it opens in a new tab and reads as a link. */
export function PathLink({
  to,
  search,
  children,
  ...rest
}: { to: string; search?: Record<string, unknown>; children: ReactNode } & Omit<AnchorProps, 'component'> & {
    'aria-label'?: string;
  }) {
  return (
    <Anchor component={Link} to={to as never} search={search as never} {...rest}>
      {children}
    </Anchor>
  );
}
