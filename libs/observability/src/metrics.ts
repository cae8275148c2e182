import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PrometheusModule, getToken, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Histogram } from 'prom-client';
import { DatabasePoolMetrics } from './db-pool.metrics';

const HTTP_REQUEST_DURATION = 'http_request_duration_seconds';

const httpDuration = makeHistogramProvider({
  name: HTTP_REQUEST_DURATION,
  help: 'HTTP requests by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/** `/metrics` in Prometheus text: runtime defaults, the HTTP duration histogram and the database pool. */
@Module({
  imports: [PrometheusModule.register({ path: '/metrics', defaultMetrics: { enabled: true } })],
  providers: [httpDuration, DatabasePoolMetrics],
  exports: [httpDuration],
})
export class MetricsModule {}

/**
 * Times every request in a Fastify hook rather than an interceptor, so requests that never
 * reach a controller (404, bad JSON, validation) are counted too.
 */
export function instrumentHttp(app: NestFastifyApplication): void {
  const histogram = app.get<Histogram<string>>(getToken(HTTP_REQUEST_DURATION));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      if (route === '/metrics') return;
      histogram.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
}
