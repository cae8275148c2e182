import { EVENT_ENTITIES, OutboxPendingById1795270000000, OutboxRecordedAt1795260000100 } from '@app/events';
import { ServiceDatabase } from '@app/persistence';
import { InitialSchema1795235018719 } from './migrations/1795235018719-initial-schema';
import { EventLogEntry } from './read-model/event-log.entity';
import { READ_MODEL_ENTITIES } from './read-model/read-model.entities';

/** No demo data of its own: the producers' demo data reaches reporting as events. */
export const reportingDatabase: ServiceDatabase = {
  service: 'reporting',
  entities: [...EVENT_ENTITIES, EventLogEntry, ...READ_MODEL_ENTITIES],
  migrations: [InitialSchema1795235018719, OutboxRecordedAt1795260000100, OutboxPendingById1795270000000],
};
