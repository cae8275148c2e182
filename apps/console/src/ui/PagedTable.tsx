import { Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Key, ReactNode } from 'react';
import { DataTable, type TableColumn } from './DataTable';
import { Pager } from './Pager';
import { QueryState } from './QueryState';

/** What the API answers for a list it pages with limit/offset. */
export interface Page<Row> {
  data: Row[];
  total: number;
}

interface Paging<Row> {
  query: UseQueryResult<Page<Row>>;
  /** What is said when the page has no rows. */
  empty: ReactNode;
  limit: number;
  offset: number;
  onPage: (offset: number) => void;
}

/** A page of a list: its loading, error and empty states, then its rows (as `children` shows them) and the pager. */
export function PagedQuery<Row>({
  query,
  empty,
  limit,
  offset,
  onPage,
  children,
}: Paging<Row> & { children: (rows: Row[]) => ReactNode }) {
  return (
    <QueryState query={query} isEmpty={(page) => page.data.length === 0} empty={empty}>
      {(page) => (
        <>
          {children(page.data)}
          <Pager total={page.total} limit={limit} offset={offset} onChange={onPage} />
        </>
      )}
    </QueryState>
  );
}

/** A list screen's table (products, orders, customers, …): striped, scrolled sideways below `minWidth`, paged. */
export function PagedTable<Row>({
  minWidth,
  columns,
  rowKey,
  ...paging
}: Paging<Row> & { minWidth: number; columns: TableColumn<Row>[]; rowKey: (row: Row) => Key }) {
  return (
    <PagedQuery {...paging}>
      {(rows) => (
        <Table.ScrollContainer minWidth={minWidth}>
          <DataTable striped highlightOnHover columns={columns} rows={rows} rowKey={rowKey} />
        </Table.ScrollContainer>
      )}
    </PagedQuery>
  );
}
