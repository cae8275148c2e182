import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Saga } from '../sagas/saga.entity';

/** Tells in-process waiters (GET /sagas/{id}?wait_seconds=…) that a saga driven here has ended, and how. */
@Injectable()
export class SagaEndings {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  /** `saga` as last written: what a read of its row would return. */
  ended(saga: Saga): void {
    this.emitter.emit(saga.id, saga);
  }

  /** The ended saga when it ends here within `ms`; otherwise undefined (the caller looks at the database again). */
  wait(sagaId: string, ms: number): Promise<Saga | undefined> {
    return new Promise((resolve) => {
      const done = (saga?: Saga) => {
        clearTimeout(timer);
        this.emitter.off(sagaId, done);
        resolve(saga);
      };
      const timer = setTimeout(done, ms);
      this.emitter.once(sagaId, done);
    });
  }
}
