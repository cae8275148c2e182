import type { FastifyReply } from 'fastify';

/** The longest a POST waits for its saga to end, as GET /sagas/{id}?wait_seconds does. */
export const MAX_WAIT_SECONDS = 30;

/**
 * The seconds asked for by `Prefer: wait=N` (RFC 7240), capped; 0 without it. A client that wants the outcome of its
 * order sends one request instead of a POST and a long poll.
 */
export function preferredWaitSeconds(prefer: string | undefined): number {
  const wait = /(?:^|[,;\s])wait\s*=\s*"?(\d+)/i.exec(prefer ?? '')?.[1];
  return wait === undefined ? 0 : Math.min(Number(wait), MAX_WAIT_SECONDS);
}

/** 201 with the saga's address when it ended within the wait (202 otherwise, the handler's default). */
export function answerWaited(reply: FastifyReply, waitSeconds: number, sagaId: string, ended: boolean): void {
  if (waitSeconds > 0) reply.header('Preference-Applied', `wait=${waitSeconds}`);
  if (ended) reply.status(201).header('Location', `/api/v1/sagas/${sagaId}`);
}
