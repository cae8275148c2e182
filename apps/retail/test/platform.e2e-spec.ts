import { pendingSchemaChanges } from '@app/persistence';
import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { retailService } from '../src/retail.service';

describe('retail platform endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(retailService);
  });

  afterAll(() => t.close());

  it('GET /health reports the database up', async () => {
    const response = await request(t.http).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document with every retail route', async () => {
    const document = await request(t.http).get('/docs-json').expect(200);
    expect(document.body.info.title).toBe('Retail');
    expect(Object.keys(document.body.paths).sort()).toEqual([
      '/api/v1/cash-registers',
      '/api/v1/cash-registers/{id}',
      '/api/v1/returns',
      '/api/v1/returns/{id}',
      '/api/v1/sales',
      '/api/v1/sales/{id}',
      '/api/v1/stores',
      '/api/v1/stores/{id}',
      '/health',
      '/health/live',
      '/metrics',
    ]);
  });

  it('has migrations that match the entities exactly', async () => {
    expect(await pendingSchemaChanges(t.dataSource)).toEqual([]);
  });
});
