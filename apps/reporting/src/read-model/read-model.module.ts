import { EventInbox } from '@app/events';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { appendToLog } from './event-log';
import { PROJECTED_TYPES, project } from './projections';

/** Each delivered event is logged and projected in the inbox's transaction: exactly once, or not at all. */
@Injectable()
class ReadModelEvents implements OnModuleInit {
  constructor(private readonly inbox: EventInbox) {}

  onModuleInit(): void {
    for (const type of PROJECTED_TYPES) {
      this.inbox.on(type, async (tx, event) => {
        await appendToLog(tx, event);
        await project(tx, event);
      });
    }
  }
}

@Module({ providers: [ReadModelEvents] })
export class ReadModelModule {}
