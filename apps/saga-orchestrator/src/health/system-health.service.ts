import { messageOf } from '@app/events';
import { Injectable } from '@nestjs/common';
import { PARTICIPANTS, Participants } from '../engine/participants';
import { ServiceHealth, SystemHealthResponse } from './system-health.dto';
import { SystemHealthRepository } from './system-health.repository';

/** Short: a monitor wants an answer, and a service this slow is as good as down for a saga step. */
const CHECK_TIMEOUT_MS = 1500;

const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * The system as an order sees it: the orchestrator's own database, and each participant reached over the same
 * transport the saga uses (its readiness message: the participant and its database).
 */
@Injectable()
export class SystemHealthService {
  constructor(
    private readonly database: SystemHealthRepository,
    private readonly participants: Participants,
  ) {}

  async check(): Promise<SystemHealthResponse> {
    const [own, ...others] = await Promise.all([
      this.timed(() => this.database.ping()),
      ...PARTICIPANTS.map((participant) => this.timed(() => this.participants.ping(participant, CHECK_TIMEOUT_MS))),
    ]);
    const services: Record<string, ServiceHealth> = { 'saga-orchestrator': own };
    PARTICIPANTS.forEach((participant, i) => (services[participant] = others[i]));
    const status = own.status === 'down' ? 'down' : others.some((check) => check.status === 'down') ? 'degraded' : 'ok';
    return { status, services, checked_at: new Date().toISOString() };
  }

  private async timed(check: () => Promise<unknown>): Promise<ServiceHealth> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', duration: seconds(performance.now() - started) };
    } catch (error) {
      return { status: 'down', duration: seconds(performance.now() - started), error: messageOf(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
