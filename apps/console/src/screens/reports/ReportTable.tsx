import { Button, Group, Paper, ScrollArea, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv, toCsv } from '../../lib/csv';
import { toCents } from '../../lib/money';
import { Pager } from '../../ui/Pager';

export type CsvValue = string | number | null;

/**
 * One column of a report table: `value` is what the CSV holds and what sorting compares (the API's raw value:
 * a decimal string for money, a ratio as a number), `render` what the table shows (money and dates formatted).
 */
export interface Column<Row> {
  key: string;
  header: string;
  value: (row: Row) => CsvValue;
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
  money?: boolean;
}

/** A report table as a spreadsheet reads it: the headers as shown, then every row (not only the page shown). */
export function tableCsv<Row>(columns: Column<Row>[], rows: Row[]): string {
  return toCsv(
    columns.map((column) => column.header),
    rows.map((row) => columns.map((column) => column.value(row))),
  );
}

function compare<Row>(column: Column<Row>, a: Row, b: Row): number {
  const x = column.value(a);
  const y = column.value(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (column.money) return toCents(String(x)) - toCents(String(y));
  if (column.numeric) return Number(x) - Number(y);
  return String(x).localeCompare(String(y));
}

/** A titled region holding a chart or a table; its heading names it. */
export function ReportSection({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Paper>
  );
}

/**
 * A report's table: sortable by any column, paged when long, and exported whole as CSV (in the order shown).
 * `pageSize` 0 shows every row (tables known to be short, such as one row per store).
 */
export function ReportTable<Row>({
  title,
  columns,
  rows,
  rowKey,
  filename,
  pageSize = 10,
  empty,
  extraActions,
  footer,
}: {
  title: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  filename: string;
  pageSize?: number;
  empty?: string;
  extraActions?: ReactNode;
  /** Below the table: the API's paging, for a table paged by the API rather than here. */
  footer?: ReactNode;
}) {
  const { t } = useTranslation('reports');
  const [sort, setSort] = useState<{ key: string; descending: boolean } | null>(null);
  const [offset, setOffset] = useState(0);
  const sorted = useMemo(() => {
    const column = columns.find((candidate) => candidate.key === sort?.key);
    if (!column || !sort) return rows;
    const ordered = [...rows].sort((a, b) => compare(column, a, b));
    return sort.descending ? ordered.reverse() : ordered;
  }, [columns, rows, sort]);
  const shown = pageSize > 0 ? sorted.slice(offset, offset + pageSize) : sorted;
  const toggle = (key: string) => {
    setSort((current) => (current?.key === key ? { key, descending: !current.descending } : { key, descending: false }));
    setOffset(0);
  };

  return (
    <ReportSection
      title={title}
      actions={
        <>
          {extraActions}
          <Button
            size="xs"
            variant="default"
            disabled={rows.length === 0}
            onClick={() => downloadCsv(filename, tableCsv(columns, sorted))}
          >
            {t('actions.exportCsv', { ns: 'common' })}
          </Button>
        </>
      }
    >
      {rows.length === 0 ? (
        <Text c="dimmed" py="md" ta="center">
          {empty ?? t('states.empty', { ns: 'common' })}
        </Text>
      ) : (
        <>
          <ScrollArea>
            <Table striped highlightOnHover miw={480}>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => {
                    const sortedHere = sort?.key === column.key;
                    return (
                      <Table.Th
                        key={column.key}
                        ta={column.numeric || column.money ? 'right' : undefined}
                        aria-sort={sortedHere ? (sort.descending ? 'descending' : 'ascending') : undefined}
                      >
                        <UnstyledButton onClick={() => toggle(column.key)} fw={600} fz="sm">
                          {column.header}
                          {sortedHere ? (sort.descending ? ' ▼' : ' ▲') : ''}
                        </UnstyledButton>
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((row) => (
                  <Table.Tr key={rowKey(row)}>
                    {columns.map((column) => (
                      <Table.Td key={column.key} ta={column.numeric || column.money ? 'right' : undefined}>
                        {column.render ? column.render(row) : (column.value(row) ?? '—')}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {pageSize > 0 && <Pager total={sorted.length} limit={pageSize} offset={offset} onChange={setOffset} />}
        </>
      )}
      {footer}
    </ReportSection>
  );
}
