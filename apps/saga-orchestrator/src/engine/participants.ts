import { clientTransport } from '@app/bootstrap';
import { ServiceConfig } from '@app/config';
import { ErrorResponse } from '@app/contracts';
import { healthPatternOf } from '@app/observability';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory } from '@nestjs/microservices';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { SagaOrchestratorEnvironment } from '../saga-orchestrator.environment';
import { SagaMetrics } from './saga.metrics';

export const PARTICIPANTS = ['inventory', 'ecommerce'] as const;
export type Participant = (typeof PARTICIPANTS)[number];

/** The call did not get an answer: the participant may or may not have acted. Retry, or ask. */
export class TransientFailure extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

/** The participant refused the command itself (a 4xx body): retrying the same command cannot help. */
export class CommandRejected extends Error {}

function isErrorResponse(error: unknown): error is ErrorResponse {
  const status = (error as ErrorResponse | undefined)?.status_code;
  return typeof status === 'number';
}

/** Request/response calls to the saga's participants, timed and classified. */
@Injectable()
export class Participants implements OnApplicationShutdown {
  private readonly clients: Record<Participant, ClientProxy>;

  constructor(
    private readonly config: ServiceConfig<SagaOrchestratorEnvironment>,
    private readonly metrics: SagaMetrics,
  ) {
    this.clients = {
      inventory: ClientProxyFactory.create(clientTransport('inventory', config)),
      ecommerce: ClientProxyFactory.create(clientTransport('ecommerce', config)),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.clients).map((client): unknown => client.close()));
  }

  /** The participant's readiness over the transport (GET /api/v1/health); rejects when it is not ready or silent. */
  async ping(participant: Participant, timeoutMs: number): Promise<void> {
    await firstValueFrom(this.clients[participant].send(healthPatternOf(participant), {}).pipe(timeout(timeoutMs)));
  }

  async call<Reply>(participant: Participant, pattern: string, payload: object): Promise<Reply> {
    try {
      const reply = await firstValueFrom(
        this.clients[participant].send<Reply>(pattern, payload).pipe(timeout(this.config.env.SAGA_CALL_TIMEOUT_MS)),
      );
      this.metrics.serviceCall(participant, 'success');
      return reply;
    } catch (error) {
      if (error instanceof TimeoutError) {
        this.metrics.serviceCall(participant, 'timeout');
        throw new TransientFailure(
          `${participant} did not answer ${pattern} within ${this.config.env.SAGA_CALL_TIMEOUT_MS} ms`,
          true,
        );
      }
      if (isErrorResponse(error) && error.status_code >= 400 && error.status_code < 500) {
        this.metrics.serviceCall(participant, 'rejected');
        throw new CommandRejected(`${participant} refused ${pattern}: ${error.message}`);
      }
      this.metrics.serviceCall(participant, 'error');
      const message = error instanceof Error ? error.message : isErrorResponse(error) ? error.message : JSON.stringify(error);
      throw new TransientFailure(`${participant} failed ${pattern}: ${message}`, false);
    }
  }
}
