import { Outlet, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { session } from '../auth/session';

/** Signing out (or a 401 anywhere) brings the sign-in page back, remembering where the user was. */
export function Root() {
  const router = useRouter();
  useEffect(
    () =>
      session.subscribe((key) => {
        if (key === null) {
          const here = router.state.location.href;
          void router.navigate({ to: '/sign-in', search: { redirect: here.startsWith('/sign-in') ? undefined : here } });
        }
      }),
    [router],
  );
  return <Outlet />;
}
