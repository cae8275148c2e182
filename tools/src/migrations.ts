import { loadServiceConfig } from '@app/config';
import { ServiceDefinition } from '@app/bootstrap';
import {
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  pendingSchemaChanges,
  prepareDatabase,
  runMigrations,
  withDataSource,
} from '@app/persistence';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';

/** Runs `work` against a throw-away database holding the service's migrated schema. */
async function withScratchDatabase<T>(definition: ServiceDefinition, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const config = loadServiceConfig(definition.service, definition.environment);
  const server = await prepareDatabase(config.database);
  const serverUrl = databaseUrl(server.url, 'postgres');
  const scratch = `${config.database.database}_schema_check`;
  await dropDatabase(serverUrl, scratch);
  await ensureDatabase(serverUrl, scratch);
  const url = databaseUrl(serverUrl, scratch);
  try {
    await runMigrations(definition.database, url);
    return await withDataSource(definition.database, url, work);
  } finally {
    await dropDatabase(serverUrl, scratch);
    await server.release();
  }
}

/** Fails when an entity changed without a migration. */
export async function checkMigrations(definitions: ServiceDefinition[]): Promise<boolean> {
  let inStep = true;
  for (const definition of definitions) {
    const pending = await withScratchDatabase(definition, pendingSchemaChanges);
    if (pending.length) {
      inStep = false;
      console.error(
        `${definition.service}: entities changed without a migration; missing statements:\n  ${pending.join(';\n  ')}`,
      );
    } else {
      console.log(`${definition.service}: migrations match the entities`);
    }
  }
  return inStep;
}

const pascal = (name: string) => name.replace(/(^|[-_ ])(\w)/g, (_, __, c: string) => c.toUpperCase());
const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[_ ]/g, '-')
    .toLowerCase();

/** Writes a timestamped migration with the statements that bring the schema in step with the entities. */
export async function generateMigration(definition: ServiceDefinition, name: string): Promise<string | undefined> {
  const { up, down } = await withScratchDatabase(definition, async (dataSource) => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query).reverse() };
  });
  if (!up.length) return undefined;
  const timestamp = Date.now();
  const className = `${pascal(name)}${timestamp}`;
  // Template literals: SQL is full of double quotes, and prettier leaves these as they are.
  const literal = (sql: string) => `\`${sql.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${')}\``;
  const statements = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${literal(q)});`).join('\n');
  const path = `apps/${definition.service}/src/migrations/${timestamp}-${kebab(name)}.ts`;
  writeFileSync(
    path,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${statements(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${statements(down)}
  }
}
`,
  );
  return path;
}

export async function migrate(definitions: ServiceDefinition[]): Promise<void> {
  for (const definition of definitions) {
    const config = loadServiceConfig(definition.service, definition.environment);
    const database = await prepareDatabase(config.database);
    const applied = await runMigrations(definition.database, database.url);
    console.log(`${definition.service}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    await database.release();
  }
}

export async function seed(definitions: ServiceDefinition[]): Promise<void> {
  for (const definition of definitions) {
    const config = loadServiceConfig(definition.service, definition.environment);
    const database = await prepareDatabase(config.database);
    await runMigrations(definition.database, database.url);
    const { seed: load } = definition.database;
    if (load) await withDataSource(definition.database, database.url, load);
    await database.release();
    console.log(`${definition.service}: demo data present`);
  }
}
