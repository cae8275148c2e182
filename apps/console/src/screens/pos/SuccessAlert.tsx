import { Alert, type AlertProps } from '@mantine/core';

/** A green confirmation whose title keeps WCAG AA contrast (Mantine's green titles, even green.9, do not on the light green background). */
export function SuccessAlert(props: Omit<AlertProps, 'color'>) {
  return <Alert color="green" role="status" styles={{ title: { color: '#1e5631' } }} {...props} />;
}
