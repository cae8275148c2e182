import { SAGA_STATUSES, SagaStatus, TERMINAL_SAGA_STATUSES } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';

/** Always reported, 0 when empty, so a panel or alert never sees a state vanish. */
const IN_FLIGHT_STATUSES = SAGA_STATUSES.filter((status) => !TERMINAL_SAGA_STATUSES.includes(status));

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** Metric names as in the seed document, so its dashboards and alerts apply. */
export const sagaMetricProviders = [
  makeCounterProvider({
    name: 'saga_orchestrator_sagas_total',
    help: 'Sagas started, and sagas ended by outcome',
    labelNames: ['status'],
  }),
  makeHistogramProvider({
    name: 'saga_orchestrator_saga_duration_seconds',
    help: 'Time from the order request to the end of the saga',
    labelNames: ['status'],
    buckets: SECONDS_BUCKETS,
  }),
  makeCounterProvider({
    name: 'saga_orchestrator_saga_steps_total',
    help: 'Step attempts by outcome',
    labelNames: ['step', 'status'],
  }),
  makeHistogramProvider({
    name: 'saga_orchestrator_step_duration_seconds',
    help: 'Duration of step and compensation attempts',
    labelNames: ['step'],
    buckets: SECONDS_BUCKETS,
  }),
  makeCounterProvider({
    name: 'saga_orchestrator_compensations_total',
    help: 'Compensations run to completion',
    labelNames: ['compensation_type'],
  }),
  makeCounterProvider({
    name: 'saga_orchestrator_compensation_failures_total',
    help: 'Compensations given up on: the saga waits in FAILED for an operator',
    labelNames: ['compensation_type'],
  }),
  makeCounterProvider({
    name: 'saga_orchestrator_service_calls_total',
    help: 'Calls to participants',
    labelNames: ['service', 'status'],
  }),
  makeGaugeProvider({ name: 'saga_orchestrator_sagas_in_flight', help: 'Sagas not yet ended, by state', labelNames: ['status'] }),
  makeGaugeProvider({ name: 'saga_orchestrator_sagas_stuck', help: 'Sagas not ended and past their deadline' }),
  makeGaugeProvider({
    name: 'saga_orchestrator_sagas_awaiting_operator',
    help: 'Sagas in FAILED, waiting for POST /sagas/{id}/retry',
  }),
  // One series at a time (reset on every transition), so a new saga id per scrape at most.
  makeGaugeProvider({
    name: 'saga_orchestrator_latest_saga_timestamp_seconds',
    help: 'The saga this instance moved last (saga_id, its status now) and when, in Unix seconds',
    labelNames: ['saga_id', 'status'],
  }),
];

@Injectable()
export class SagaMetrics {
  constructor(
    @InjectMetric('saga_orchestrator_sagas_total') private readonly sagas: Counter<string>,
    @InjectMetric('saga_orchestrator_saga_duration_seconds') private readonly sagaDuration: Histogram<string>,
    @InjectMetric('saga_orchestrator_saga_steps_total') private readonly steps: Counter<string>,
    @InjectMetric('saga_orchestrator_step_duration_seconds') private readonly stepDuration: Histogram<string>,
    @InjectMetric('saga_orchestrator_compensations_total') private readonly compensations: Counter<string>,
    @InjectMetric('saga_orchestrator_compensation_failures_total') private readonly compensationFailures: Counter<string>,
    @InjectMetric('saga_orchestrator_service_calls_total') private readonly serviceCalls: Counter<string>,
    @InjectMetric('saga_orchestrator_sagas_in_flight') private readonly inFlight: Gauge<string>,
    @InjectMetric('saga_orchestrator_sagas_stuck') private readonly stuck: Gauge<string>,
    @InjectMetric('saga_orchestrator_sagas_awaiting_operator') private readonly awaitingOperator: Gauge<string>,
    @InjectMetric('saga_orchestrator_latest_saga_timestamp_seconds') private readonly latest: Gauge<string>,
  ) {
    // Every outcome's series exists at 0 from the first scrape: a series born at 5 between two scrapes would show
    // no increase (Prometheus's rate() needs the 0 before it), and a burst of fast sagas would look like none.
    this.sagas.inc({ status: 'STARTED' }, 0);
    for (const status of TERMINAL_SAGA_STATUSES) {
      this.sagas.inc({ status }, 0);
      this.sagaDuration.zero({ status });
    }
  }

  started(): void {
    this.sagas.inc({ status: 'STARTED' });
  }

  transitioned(saga: { id: string; status: SagaStatus }): void {
    this.latest.reset();
    this.latest.set({ saga_id: saga.id, status: saga.status }, Date.now() / 1000);
  }

  ended(status: SagaStatus, seconds: number): void {
    this.sagas.inc({ status });
    this.sagaDuration.observe({ status }, seconds);
  }

  attempt(name: string, status: 'SUCCESS' | 'FAILED' | 'RETRYING', seconds: number): void {
    this.steps.inc({ step: name, status });
    this.stepDuration.observe({ step: name }, seconds);
  }

  compensated(compensation: string): void {
    this.compensations.inc({ compensation_type: compensation });
  }

  compensationGivenUp(compensation: string): void {
    this.compensationFailures.inc({ compensation_type: compensation });
  }

  serviceCall(service: string, status: 'success' | 'timeout' | 'rejected' | 'error'): void {
    this.serviceCalls.inc({ service, status });
  }

  snapshot(byStatus: Partial<Record<SagaStatus, number>>, stuck: number): void {
    for (const status of IN_FLIGHT_STATUSES) this.inFlight.set({ status }, byStatus[status] ?? 0);
    this.awaitingOperator.set(byStatus.FAILED ?? 0);
    this.stuck.set(stuck);
  }
}
