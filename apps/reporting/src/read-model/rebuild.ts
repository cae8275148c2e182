import { UnitOfWork } from '@app/persistence';
import type { DataSource } from 'typeorm';
import { readLog } from './event-log';
import { clearReadModel, project } from './projections';

const BATCH = 1000;

/**
 * Wipes the read model and replays the event log into it, in arrival order, in one transaction:
 * readers see the old read model until the new one is complete. TRUNCATE locks the read-model tables
 * first, so an event delivered meanwhile waits and then applies on top (it is either in the replayed
 * log or not yet committed to it). Returns how many events were replayed.
 */
export async function rebuildReadModel(dataSource: DataSource): Promise<number> {
  // Also run outside Nest, by `npm run reporting:rebuild` (tools/src/main.ts): hence a unit of work of its own.
  return new UnitOfWork(dataSource).run(async (tx) => {
    await clearReadModel(tx);
    let after = '0';
    let replayed = 0;
    for (;;) {
      const batch = await readLog(tx, after, BATCH);
      if (batch.length === 0) return replayed;
      // A batch at a time, as deliveries are applied: the same read model as one event at a time.
      const events = batch.map(({ event }) => event);
      await project(tx, events);
      after = batch[batch.length - 1].seq;
      replayed += batch.length;
    }
  });
}
