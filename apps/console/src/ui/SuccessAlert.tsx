import { Alert, type AlertProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A green confirmation whose title keeps WCAG AA contrast (Mantine's green titles, even green.9, do not on the light green background). */
export function SuccessAlert(props: Omit<AlertProps, 'color'>) {
  return <Alert color="green" role="status" styles={{ title: { color: '#1e5631' } }} {...props} />;
}

/** What a list screen says after a change made in one of its dialogs ("Saved …"), above the list, until closed. */
export function Notice({ children, onClose }: { children: ReactNode; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <SuccessAlert mb="md" withCloseButton onClose={onClose} closeButtonLabel={t('actions.close')}>
      {children}
    </SuccessAlert>
  );
}
