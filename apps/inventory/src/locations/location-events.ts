import { LocationUpsertedV1 } from '@app/contracts';
import { Location } from './location.entity';

/** A location as `inventory.location.upserted` publishes it, for live changes and demo data alike. */
export function locationUpsertedV1(location: Location): LocationUpsertedV1 {
  return { location_id: location.id, code: location.code, name: location.name, type: location.type };
}
