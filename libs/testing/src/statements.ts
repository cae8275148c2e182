import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * The first three words of each statement `run` sends through TypeORM, BEGIN and COMMIT included; what the server
 * runs by itself (foreign-key triggers) is not seen here.
 */
export async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const query = jest.spyOn(PostgresQueryRunner.prototype, 'query');
  try {
    await run();
    return query.mock.calls.map(([sql]) => sql.trim().split(/\s+/).slice(0, 3).join(' '));
  } finally {
    query.mockRestore();
  }
}
