import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Paging of a list the API pages with limit/offset and a total. */
export function Pager({
  total,
  limit,
  offset,
  onChange,
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">
        {t('paging.range', { from: offset + 1, to: Math.min(offset + limit, total), total })}
      </Text>
      {pages > 1 && (
        <Pagination
          size="sm"
          total={pages}
          value={Math.floor(offset / limit) + 1}
          onChange={(page) => onChange((page - 1) * limit)}
          getControlProps={(control) => ({
            'aria-label': control === 'previous' ? t('paging.previous') : control === 'next' ? t('paging.next') : undefined,
          })}
        />
      )}
    </Group>
  );
}
