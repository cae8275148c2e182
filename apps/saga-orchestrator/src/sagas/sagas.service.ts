import { RequestValidationException } from '@app/bootstrap';
import { ServiceConfig } from '@app/config';
import { OrderRequest, Page, TERMINAL_SAGA_STATUSES, orderAddressOf, pageOf } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { SagaEndings } from '../engine/saga-endings';
import { SagaPlan } from '../engine/saga-plan';
import { SagaMetrics } from '../engine/saga.metrics';
import { SagaWorker } from '../engine/saga-worker';
import { SagaErrorCode, SagaException } from '../saga.exception';
import { SagaOrchestratorEnvironment } from '../saga-orchestrator.environment';
import { Saga, SagaLogEntry } from './saga.entity';
import { PlaceOrderDto, SagaAccepted, SagaQuery, SagaResponse, SagaSummary, StartOrderProcessingDto } from './sagas.dto';
import { SagasRepository } from './sagas.repository';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const WAIT_RECHECK_MS = 200;

const seconds = (ms: number) => Math.round(ms) / 1000;

/** A started saga, and whether it had ended by the time of the answer. */
export interface Started {
  accepted: SagaAccepted;
  ended: boolean;
}

@Injectable()
export class SagasService {
  constructor(
    private readonly sagas: SagasRepository,
    private readonly plan: SagaPlan,
    private readonly worker: SagaWorker,
    private readonly metrics: SagaMetrics,
    private readonly endings: SagaEndings,
    private readonly config: ServiceConfig<SagaOrchestratorEnvironment>,
  ) {}

  /** POST /api/v1/orders: the same saga as order-processing, the customer named in the body. */
  place(dto: PlaceOrderDto, idempotencyKey?: string, correlationId?: string, waitSeconds = 0): Promise<Started> {
    const { customer_id, ...order } = dto;
    return this.start(customer_id, order, idempotencyKey, correlationId, waitSeconds);
  }

  /**
   * Records the saga and starts driving it; a repeated Idempotency-Key returns the first saga. With `waitSeconds`
   * (`Prefer: wait`), answers once the saga has ended if it ends within that time.
   */
  async start(
    customerId: number,
    dto: StartOrderProcessingDto,
    idempotencyKey?: string,
    correlationId?: string,
    waitSeconds = 0,
  ): Promise<Started> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new RequestValidationException([
        { field: 'Idempotency-Key', problems: ['Idempotency-Key must be 1 to 200 visible ASCII characters'] },
      ]);
    }
    // Plain JSON, as stored: a string address is the string the customer sent.
    const request: OrderRequest = {
      products: dto.products.map(({ product_id, quantity }) => ({ product_id, quantity })),
      shipping_address: orderAddressOf(dto.shipping_address),
      billing_address: orderAddressOf(dto.billing_address),
      payment_method: dto.payment_method,
    };
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const drivesHere = this.worker.hasCapacity;
    const now = Date.now();
    const { saga, created } = await this.sagas.insertOrFind(
      Object.assign(new Saga(), {
        id: randomUUID(),
        customerId,
        idempotencyKey: idempotencyKey ?? null,
        requestHash,
        request,
        // Driven here at once: written already marked as running its first call (one write less).
        ...(drivesHere ? this.plan.startedState : this.plan.initialState),
        attempts: 0,
        outcomeUnknown: false,
        orderId: null,
        paymentId: null,
        failureReason: null,
        lastError: null,
        deadlineAt: new Date(now + this.config.env.SAGA_DEADLINE_SECONDS * 1000),
        nextAttemptAt: new Date(now),
        // Not driven here when this instance is full: a poll (here or elsewhere) claims it.
        owner: drivesHere ? this.worker.instanceId : null,
        leaseUntil: drivesHere ? new Date(now + this.config.env.SAGA_LEASE_SECONDS * 1000) : null,
        version: 0,
        correlationId: correlationId ?? null,
        createdAt: new Date(now),
        updatedAt: new Date(now),
        finishedAt: null,
      } satisfies Partial<Saga>),
    );
    if (!created) {
      if (saga.requestHash !== requestHash) {
        throw new SagaException(SagaErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used for a different order');
      }
      const accepted = {
        saga_id: saga.id,
        status: saga.status,
        message: 'Order processing already started with this Idempotency-Key',
      };
      return { accepted, ended: false };
    }
    this.metrics.started();
    this.metrics.transitioned(saga);
    if (drivesHere) this.worker.drive(saga);
    const ended = waitSeconds > 0 ? await this.waitForEnd(saga.id, waitSeconds) : undefined;
    if (ended) {
      const accepted = {
        saga_id: ended.id,
        status: ended.status,
        message: ended.status === 'COMPLETED' ? 'Order completed' : `Order processing ended ${ended.status}`,
        order_id: ended.orderId,
        failure_reason: ended.failureReason,
      };
      return { accepted, ended: true };
    }
    return { accepted: { saga_id: saga.id, status: saga.status, message: 'Order processing started' }, ended: false };
  }

  /** With `waitSeconds`, answers as soon as the saga has ended (or when the wait is over). */
  async get(id: string, waitSeconds = 0): Promise<SagaResponse> {
    const saga = (await this.waitForEnd(id, waitSeconds)) ?? (await this.find(id));
    return this.toResponse(saga, await this.sagas.logOf(id));
  }

  /**
   * The saga once ended, if it ends within `waitSeconds`. One driven here is not read while it is: its driver hands
   * its final state to the waiters. One driven elsewhere (or given back, waiting for a retry) is read again.
   */
  private async waitForEnd(id: string, waitSeconds: number): Promise<Saga | undefined> {
    if (waitSeconds <= 0) return undefined;
    const until = Date.now() + waitSeconds * 1000;
    const ended = (saga: Saga | undefined) => saga !== undefined && TERMINAL_SAGA_STATUSES.includes(saga.status);
    let saga = this.worker.isDriving(id) ? undefined : await this.find(id);
    while (!ended(saga) && Date.now() < until) {
      const woken = await this.endings.wait(id, Math.min(WAIT_RECHECK_MS, until - Date.now()));
      saga = woken ?? (this.worker.isDriving(id) ? saga : await this.find(id));
    }
    return ended(saga) ? saga : undefined;
  }

  async list(query: SagaQuery): Promise<Page<SagaSummary>> {
    const [rows, total] = await this.sagas.findPage({
      status: query.status,
      ended: query.ended,
      customerId: query.customer_id,
      limit: query.limit,
      offset: query.offset,
    });
    return pageOf(
      rows.map((saga) => this.toSummary(saga)),
      total,
      query,
    );
  }

  /** An operator's retry of a FAILED saga: compensation resumes, or (when paid) confirmation does. */
  async retry(id: string): Promise<SagaAccepted> {
    const saga = await this.find(id);
    if (saga.status !== 'FAILED') {
      throw new SagaException(SagaErrorCode.NotRetryable, `Saga ${id} is ${saga.status}; only a FAILED saga can be retried`);
    }
    const resumeAs = this.plan.resumeStatus(saga);
    await this.sagas.transition(
      saga,
      { status: resumeAs, attempts: 0, outcomeUnknown: false, nextAttemptAt: new Date(), finishedAt: null },
      this.config.env.SAGA_LEASE_SECONDS,
      [{ kind: 'RETRY', name: resumeAs, status: 'REQUESTED', attempt: 1, durationMs: 0, error: saga.failureReason }],
      'release',
    );
    void this.worker.poll();
    return { saga_id: id, status: resumeAs, message: 'Retry scheduled' };
  }

  private async find(id: string): Promise<Saga> {
    const saga = await this.sagas.findById(id);
    if (!saga) throw new SagaException(SagaErrorCode.SagaNotFound, `Saga ${id} not found`);
    return saga;
  }

  private toSummary(saga: Saga): SagaSummary {
    return {
      saga_id: saga.id,
      customer_id: saga.customerId,
      status: saga.status,
      created_at: saga.createdAt.toISOString(),
      updated_at: saga.updatedAt.toISOString(),
      duration: seconds((saga.finishedAt ?? new Date()).getTime() - saga.createdAt.getTime()),
      order_id: saga.orderId,
      failure_reason: saga.failureReason,
    };
  }

  private toResponse(saga: Saga, log: SagaLogEntry[]): SagaResponse {
    const attemptsOf = (kind: 'STEP' | 'COMPENSATION') => {
      const byName = new Map<string, SagaLogEntry[]>();
      for (const entry of log.filter((e) => e.kind === kind)) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
      return [...byName.entries()].map(([name, entries]) => {
        const last = entries[entries.length - 1];
        return {
          name,
          status: last.status,
          attempts: entries.length,
          duration: seconds(entries.reduce((sum, entry) => sum + entry.durationMs, 0)),
          ...(last.error && { error: last.error }),
        };
      });
    };
    return {
      ...this.toSummary(saga),
      steps: attemptsOf('STEP').map(({ name, ...view }) => ({ step: name, ...view })),
      compensations: attemptsOf('COMPENSATION').map(({ name, ...view }) => ({ compensation: name, ...view })),
      payment_id: saga.paymentId,
      history: log.map((entry) => ({
        kind: entry.kind,
        name: entry.name,
        status: entry.status,
        attempt: entry.attempt,
        duration: seconds(entry.durationMs),
        ...(entry.error && { error: entry.error }),
        at: entry.at.toISOString(),
      })),
      products: saga.request.products,
      shipping_address: saga.request.shipping_address,
      billing_address: saga.request.billing_address,
      payment_method: saga.request.payment_method,
    };
  }
}
