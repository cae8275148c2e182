import { pendingSchemaChanges } from '@app/persistence';
import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { inventoryService } from '../src/inventory.service';

describe('inventory platform endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
  });

  afterAll(() => t.close());

  it('GET /health reports the database up', async () => {
    const response = await request(t.http).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('GET /health/live answers without touching the database', async () => {
    await request(t.http).get('/health/live').expect(200, { status: 'ok' });
  });

  it('GET /metrics has runtime metrics and request durations by route template', async () => {
    await request(t.http).get('/api/v1/products/12345').expect(404);
    const response = await request(t.http).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toContain('process_resident_memory_bytes');
    expect(response.text).toContain('nodejs_eventloop_lag_seconds');
    expect(response.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/products\/:id",status_code="404"\} 1/,
    );
  });

  it('serves the OpenAPI document and the Swagger UI', async () => {
    const document = await request(t.http).get('/docs-json').expect(200);
    expect(document.body.info.title).toBe('Inventory');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/products', '/api/v1/stock/{product_id}', '/api/v1/restock-requests/{id}/approve']),
    );
    const ui = await request(t.http).get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('keeps the caller’s correlation id and makes one when there is none', async () => {
    const kept = await request(t.http).get('/api/v1/products').set('x-correlation-id', 'abc-123').expect(200);
    expect(kept.headers['x-correlation-id']).toBe('abc-123');
    const made = await request(t.http).get('/api/v1/products').expect(200);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await request(t.http).get('/api/v1/nothing-here').expect(404);
    expect(response.body).toMatchObject({ status_code: 404, error: 'Not Found' });
  });

  it('has migrations that match the entities exactly', async () => {
    expect(await pendingSchemaChanges(t.dataSource)).toEqual([]);
  });
});
