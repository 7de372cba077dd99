import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/db.js';
import type { Unit } from './unit-schema.js';
import { UnitStore, type UnitIdentity } from './unit-store.js';

const identityKey = (identity: UnitIdentity) =>
  identity.vin !== undefined ? `vin:${identity.vin}` : identity.frameSerial !== undefined ? `frame:${identity.frameSerial}` : `serial:${identity.serialNumber}`;

/**
 * The unit a claim or a pre-check names, remembered once found: registered units are never changed or
 * removed (units are only inserted, src/units/unit-store.ts), so a found unit stays right; a miss is
 * not remembered, so a unit registered a moment later is found. One per app, shared by the paths.
 */
export class UnitLookup {
  private readonly known = new LRUCache<string, Unit>({ max: 50_000 });
  private readonly store: UnitStore;

  constructor(db: Queryable) {
    this.store = new UnitStore(db);
  }

  async find(identity: UnitIdentity, db?: Queryable): Promise<Unit | null> {
    const key = identityKey(identity);
    const cached = this.known.get(key);
    if (cached) return cached;
    const unit = await this.store.findByIdentity(identity, db);
    if (unit) this.known.set(key, unit);
    return unit;
  }
}
