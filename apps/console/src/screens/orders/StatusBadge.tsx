import { Badge } from '@mantine/core';
import { statusColor } from './timeline';

/** A status in words, coloured by what it means (done, undone, failed, waiting). */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={statusColor(status)} variant="filled" style={{ textTransform: 'none' }}>
      {label}
    </Badge>
  );
}
