import { testServerUrl } from '@app/testing';
import { PreparingClient, StatementNames } from './prepared-statements';
import { databaseUrl } from './database-admin';

describe('StatementNames', () => {
  const select = 'SELECT id FROM things WHERE id = $1';

  it('names a statement from its second execution on, always with the same name', () => {
    const names = new StatementNames();
    expect(names.nameFor(select)).toBeUndefined();
    const name = names.nameFor(select);
    expect(name).toMatch(/^s\d+$/);
    expect(names.nameFor(select)).toBe(name);
    expect(names.nameFor('UPDATE things SET n = $1')).toBeUndefined();
    expect(names.nameFor('UPDATE things SET n = $1')).not.toBe(name);
  });

  it('leaves schema statements and anything past the cap unnamed', () => {
    const names = new StatementNames(1);
    names.nameFor(select);
    expect(names.nameFor(select)).toBeDefined();
    const other = 'DELETE FROM things WHERE id = $1';
    names.nameFor(other);
    expect(names.nameFor(other)).toBeUndefined();
    const schema = 'CREATE TABLE x (id int DEFAULT $1)';
    names.nameFor(schema);
    expect(new StatementNames().nameFor(schema)).toBeUndefined();
  });
});

describe('PreparingClient', () => {
  it('prepares a repeated statement once on its connection and keeps answering it', async () => {
    const client = new PreparingClient({ connectionString: databaseUrl(testServerUrl(), 'postgres') });
    await client.connect();
    try {
      const text = 'SELECT $1::int + 1 AS next';
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await client.query(text, [i])).rows[0].next);
      expect(answers).toEqual([1, 2, 3, 4]);
      const prepared = await client.query('SELECT statement FROM pg_prepared_statements');
      expect(prepared.rows.map((row: { statement: string }) => row.statement)).toEqual([text]);
    } finally {
      await client.end();
    }
  });
});
