import { DataSource } from 'typeorm';
import { readLog } from './event-log';
import { project } from './projections';
import { READ_MODEL_TABLES } from './read-model.entities';

const BATCH = 1000;

/**
 * Wipes the read model and replays the event log into it, in arrival order, in one transaction:
 * readers see the old read model until the new one is complete. TRUNCATE locks the read-model tables
 * first, so an event delivered meanwhile waits and then applies on top (it is either in the replayed
 * log or not yet committed to it). Returns how many events were replayed.
 */
export async function rebuildReadModel(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
    let after = '0';
    let replayed = 0;
    for (;;) {
      const batch = await readLog(manager, after, BATCH);
      if (batch.length === 0) return replayed;
      for (const { event } of batch) await project(manager, event);
      after = batch[batch.length - 1].seq;
      replayed += batch.length;
    }
  });
}
