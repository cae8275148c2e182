import { EVENT_SUBSCRIBERS, EventType } from '@app/contracts';
import { pendingSchemaChanges } from '@app/persistence';
import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { PROJECTED_TYPES } from '../src/read-model/projections';
import { reportingService } from '../src/reporting.service';

describe('reporting platform endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(reportingService);
  });

  afterAll(() => t.close());

  it('GET /health reports the database up', async () => {
    const response = await request(t.http).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document with every reporting route', async () => {
    const document = await request(t.http).get('/docs-json').expect(200);
    expect(document.body.info.title).toBe('Reporting');
    expect(Object.keys(document.body.paths).sort()).toEqual([
      '/api/v1/analytics/trends',
      '/api/v1/dashboards',
      '/api/v1/reports/inventory',
      '/api/v1/reports/performance',
      '/api/v1/reports/sales',
      '/health',
      '/health/live',
      '/metrics',
    ]);
  });

  it('has migrations that match the entities exactly', async () => {
    expect(await pendingSchemaChanges(t.dataSource)).toEqual([]);
  });

  it('is subscribed to exactly the event types it projects', () => {
    const subscribed = (Object.keys(EVENT_SUBSCRIBERS) as EventType[]).filter((type) =>
      EVENT_SUBSCRIBERS[type].includes('reporting'),
    );
    expect([...PROJECTED_TYPES].sort()).toEqual(subscribed.sort());
  });
});
