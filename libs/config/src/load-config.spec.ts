import { ConfigValidationError, loadConfig } from './load-config';
import { loadServiceConfig } from './index';
import { ServiceEnvironment } from './service-environment';

describe(loadConfig.name, () => {
  it('applies defaults and converts numbers', () => {
    const env = loadConfig(ServiceEnvironment, { PORT: '4000', DATABASE_POOL_SIZE: '5' });
    expect(env).toMatchObject({ PORT: 4000, DATABASE_POOL_SIZE: 5, NODE_ENV: 'development', EMBEDDED_PG_PORT: 54329 });
  });

  it('names every bad setting', () => {
    let error: unknown;
    try {
      loadConfig(ServiceEnvironment, { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(message).toContain(name);
    expect(message).toContain('PORT="eighty"');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig(ServiceEnvironment, { DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});

describe(loadServiceConfig.name, () => {
  it('uses the embedded server and the service database by default', () => {
    const config = loadServiceConfig('inventory', ServiceEnvironment, {});
    expect(config.database).toEqual({ kind: 'embedded', port: 54329, dataDir: '.data/postgres', database: 'inventory' });
    expect(config.httpPort).toBe(3001);
    expect(config.tcpPort).toBe(4001);
  });

  it('uses DATABASE_URL as the server, one database per service', () => {
    const config = loadServiceConfig('saga-orchestrator', ServiceEnvironment, { DATABASE_URL: 'postgres://u@db:5432' });
    expect(config.database).toEqual({ kind: 'url', serverUrl: 'postgres://u@db:5432', database: 'saga_orchestrator' });
  });

  it('prefers the per-service URL, database included', () => {
    const config = loadServiceConfig('inventory', ServiceEnvironment, {
      DATABASE_URL: 'postgres://u@db:5432',
      INVENTORY_DATABASE_URL: 'postgres://v@other:5433/stock',
    });
    expect(config.database).toEqual({ kind: 'url', serverUrl: 'postgres://v@other:5433/', database: 'stock' });
  });

  it('rejects a per-service URL that is not PostgreSQL', () => {
    expect(() => loadServiceConfig('inventory', ServiceEnvironment, { INVENTORY_DATABASE_URL: 'redis://x' })).toThrow(
      /INVENTORY_DATABASE_URL/,
    );
  });

  it('wants demo data only in embedded databases unless told', () => {
    expect(loadServiceConfig('inventory', ServiceEnvironment, {}).wantsDemoData(true)).toBe(true);
    expect(loadServiceConfig('inventory', ServiceEnvironment, {}).wantsDemoData(false)).toBe(false);
    expect(loadServiceConfig('inventory', ServiceEnvironment, { SEED_DEMO_DATA: 'true' }).wantsDemoData(false)).toBe(true);
    expect(loadServiceConfig('inventory', ServiceEnvironment, { SEED_DEMO_DATA: 'false' }).wantsDemoData(true)).toBe(false);
  });

  it('prepares statements unless told not to, and says what it accepts', () => {
    expect(loadServiceConfig('inventory', ServiceEnvironment, {}).preparedStatements).toBe(true);
    const off = loadServiceConfig('inventory', ServiceEnvironment, { DATABASE_PREPARED_STATEMENTS: 'false' });
    expect(off.preparedStatements).toBe(false);
    expect(() => loadServiceConfig('inventory', ServiceEnvironment, { DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(
      /DATABASE_PREPARED_STATEMENTS/,
    );
  });

  it('keeps delivered outbox events a week unless told otherwise, 0 meaning for ever', () => {
    expect(loadServiceConfig('inventory', ServiceEnvironment, {}).outboxRetentionHours).toBe(168);
    expect(loadServiceConfig('inventory', ServiceEnvironment, { OUTBOX_RETENTION_HOURS: '0' }).outboxRetentionHours).toBe(0);
    expect(() => loadServiceConfig('inventory', ServiceEnvironment, { OUTBOX_RETENTION_HOURS: '-1' })).toThrow(
      /OUTBOX_RETENTION_HOURS/,
    );
  });
});
