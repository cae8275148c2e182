import { Table, type TableProps, type TableTrProps } from '@mantine/core';
import type { Key, ReactNode } from 'react';

/** One column of a table: its header (none over a column of buttons) and what each row shows in it. */
export interface TableColumn<Row> {
  header?: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Figures and amounts line up on the right. */
  numeric?: boolean;
}

/** Rows as a table, one column each as `columns` says; the rest of the props are the table's (spacing, width, …). */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  rowProps,
  ...table
}: {
  columns: TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  rowProps?: (row: Row) => TableTrProps;
} & Omit<TableProps, 'children' | 'data'>) {
  const align = (column: TableColumn<Row>) => (column.numeric ? 'right' : undefined);
  return (
    <Table {...table}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column, index) => (
            <Table.Th key={index} ta={column.header === undefined ? undefined : align(column)}>
              {column.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={rowKey(row)} {...rowProps?.(row)}>
            {columns.map((column, index) => (
              <Table.Td key={index} ta={align(column)}>
                {column.cell(row)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
