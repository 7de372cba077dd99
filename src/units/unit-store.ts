import type { Queryable } from '../db/db.js';
import type { Unit } from './unit-schema.js';

const COLUMNS = 'unit_id, product_line, model, vin, upfit_serial, frame_serial, warranty_card_number, sale_date, region, dealer_id, chassis_maker, serial_number, commissioning_date, delivery_date, production_date';

interface UnitRow {
  unit_id: string;
  product_line: string;
  model: string;
  vin: string | null;
  upfit_serial: string | null;
  frame_serial: string | null;
  warranty_card_number: string | null;
  sale_date: string;
  region: string;
  dealer_id: string | null;
  chassis_maker: string | null;
  serial_number: string | null;
  commissioning_date: string | null;
  delivery_date: string | null;
  production_date: string | null;
}

function mapRow(row: UnitRow): Unit {
  const optional = (key: string, value: string | null) => (value === null ? {} : { [key]: value });
  return {
    unitId: row.unit_id,
    productLine: row.product_line,
    model: row.model,
    ...optional('vin', row.vin),
    ...optional('upfitSerial', row.upfit_serial),
    ...optional('frameSerial', row.frame_serial),
    ...optional('serialNumber', row.serial_number),
    ...optional('warrantyCardNumber', row.warranty_card_number),
    saleDate: row.sale_date,
    ...optional('commissioningDate', row.commissioning_date),
    ...optional('deliveryDate', row.delivery_date),
    ...optional('productionDate', row.production_date),
    region: row.region,
    ...optional('dealerId', row.dealer_id),
    ...optional('chassisMaker', row.chassis_maker),
  } as Unit;
}

function values(u: Unit): unknown[] {
  return [u.unitId, u.productLine, u.model, u.vin ?? null, u.upfitSerial ?? null, u.frameSerial ?? null, u.warrantyCardNumber ?? null, u.saleDate, u.region, u.dealerId ?? null, u.chassisMaker ?? null, u.serialNumber ?? null, u.commissioningDate ?? null, u.deliveryDate ?? null, u.productionDate ?? null];
}

/** How a claim, pre-check or pre-authorisation names a unit: a VIN, a frame serial or a generic serial number. */
export interface UnitIdentity {
  vin?: string | undefined;
  frameSerial?: string | undefined;
  serialNumber?: string | undefined;
}

export class UnitStore {
  constructor(private readonly db: Queryable) {}

  /** Inserts a unit; false when its unitId, VIN, frame serial or serial number is already registered. */
  async insert(unit: Unit, db: Queryable = this.db): Promise<boolean> {
    const result = await db.query(
      `INSERT INTO units (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING`,
      values(unit),
    );
    return result.rowCount === 1;
  }

  async get(unitId: string): Promise<Unit | null> {
    const { rows } = await this.db.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE unit_id = $1`, [unitId]);
    return rows[0] ? mapRow(rows[0]) : null;
  }

  /** Every unit of a product line (a campaign's report matches them against its affected-unit rule). */
  async ofProductLine(productLine: string): Promise<Unit[]> {
    const { rows } = await this.db.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE product_line = $1 ORDER BY unit_id`, [productLine]);
    return rows.map(mapRow);
  }

  async getMany(unitIds: readonly string[]): Promise<Map<string, Unit>> {
    if (unitIds.length === 0) return new Map();
    const { rows } = await this.db.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE unit_id = ANY($1::text[])`, [unitIds]);
    return new Map(rows.map((r) => [r.unit_id, mapRow(r)]));
  }

  /** The unit a claim or pre-check names, by VIN, frame serial or (neither given) serial number. */
  async findByIdentity(identity: UnitIdentity, db: Queryable = this.db): Promise<Unit | null> {
    const { rows } = identity.vin !== undefined
      ? await db.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE vin = $1`, [identity.vin])
      : identity.frameSerial !== undefined
        ? await db.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE frame_serial = $1`, [identity.frameSerial])
        : await db.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE serial_number = $1`, [identity.serialNumber ?? null]);
    return rows[0] ? mapRow(rows[0]) : null;
  }

  async existing(unit: Unit): Promise<string | null> {
    const { rows } = await this.db.query<{ unit_id: string; vin: string | null; frame_serial: string | null; serial_number: string | null }>(
      'SELECT unit_id, vin, frame_serial, serial_number FROM units WHERE unit_id = $1 OR vin = $2 OR frame_serial = $3 OR serial_number = $4 LIMIT 1',
      [unit.unitId, unit.vin ?? null, unit.frameSerial ?? null, unit.serialNumber ?? null],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.unit_id === unit.unitId) return `unitId ${unit.unitId} is already registered`;
    if (unit.vin !== undefined && row.vin === unit.vin) return `VIN ${unit.vin} is already registered as ${row.unit_id}`;
    if (unit.frameSerial !== undefined && row.frame_serial === unit.frameSerial) return `frame serial ${unit.frameSerial} is already registered as ${row.unit_id}`;
    return `serial number ${unit.serialNumber} is already registered as ${row.unit_id}`;
  }
}
