import { DataSource } from 'typeorm';

/**
 * A digest of every table's rows, to show that a refused request wrote nothing: equal before and after.
 * Outbox rows count by event only, since the relay updates their delivery columns in the background.
 */
export async function databaseFingerprint(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: Array<{ tablename: string }> = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const digests = tables.map(({ tablename }) => {
    const row = tablename === 'outbox_events' ? 't.event_id::text' : 't::text';
    return `SELECT '${tablename}' AS name, md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${row}), '')) AS digest FROM "${tablename}" t`;
  });
  const rows: Array<{ name: string; digest: string }> = await dataSource.query(digests.join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}
