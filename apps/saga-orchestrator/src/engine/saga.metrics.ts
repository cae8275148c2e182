import { SagaStatus } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';

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
  ) {}

  started(): void {
    this.sagas.inc({ status: 'STARTED' });
  }

  ended(status: SagaStatus, seconds: number): void {
    this.sagas.inc({ status });
    this.sagaDuration.observe({ status }, seconds);
  }

  attempt(name: string, status: 'SUCCEEDED' | 'FAILED' | 'RETRYING', seconds: number): void {
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
    this.inFlight.reset();
    for (const [status, count] of Object.entries(byStatus)) {
      if (status === 'FAILED') continue;
      this.inFlight.set({ status }, count ?? 0);
    }
    this.awaitingOperator.set(byStatus.FAILED ?? 0);
    this.stuck.set(stuck);
  }
}
