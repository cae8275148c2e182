import { EventInbox } from '@app/events';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { appendToLog } from './event-log';
import { PROJECTED_TYPES, project } from './projections';

/**
 * A delivery's events are logged and projected in the inbox's transaction: exactly once, or not at all.
 * Together, so that a delivery costs one statement per kind of change rather than two per event.
 */
@Injectable()
class ReadModelEvents implements OnModuleInit {
  constructor(private readonly inbox: EventInbox) {}

  onModuleInit(): void {
    this.inbox.onBatch(PROJECTED_TYPES, async (tx, events) => {
      await appendToLog(tx, events);
      await project(tx, events);
    });
  }
}

@Module({ providers: [ReadModelEvents] })
export class ReadModelModule {}
