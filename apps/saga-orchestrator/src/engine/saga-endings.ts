import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** Tells in-process waiters (GET /sagas/{id}?wait_seconds=…) that a saga driven here has ended. */
@Injectable()
export class SagaEndings {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  ended(sagaId: string): void {
    this.emitter.emit(sagaId);
  }

  /** Resolves when the saga ends here, or after `ms` (the caller then looks at the database again). */
  wait(sagaId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off(sagaId, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.once(sagaId, done);
    });
  }
}
