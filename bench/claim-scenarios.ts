/**
 * What service stations file, per product line: components with their failure modes, the part and
 * labour operations they claim, how old a unit typically is when that component fails, and the
 * stations' own price lists.
 *
 * This is claim-side data on purpose, not read from `policies/`: a backtest of a policy change
 * must replay the very same claims before and after the change, so the generator may not move
 * when a policy does. The values mirror the shipped example policies closely enough to produce
 * a realistic mix (most claims at catalogue price and standard hours, some above).
 */
export type ProductLine = 'nev-special-vehicle' | 'e-bike';

export interface ComponentScenario {
  component: string;
  failureModes: readonly string[];
  partNumber: string;
  /** Labour operations usually claimed with it (may be empty: the part price includes fitting). */
  operations: readonly string[];
  /** Mean age of the unit, in days, when this component fails (exponentially distributed). */
  meanAgeDays: number;
  /** Relative frequency among this product line's claims. */
  weight: number;
  /** Parts a station may claim as damaged by this one. */
  consequential?: readonly string[];
  /** Wear parts: the diagnosed cause is usually wear. */
  wearPart?: boolean;
}

export interface LineProfile {
  productLine: ProductLine;
  models: readonly string[];
  regions: readonly (readonly [string, number])[];
  saleYears: readonly [number, number];
  /** Stations and the hourly rate (fen) they claim by default. */
  stations: readonly (readonly [string, number])[];
  /** Station list prices (fen) per part number, including parts the catalogue may not know. */
  listPriceFen: Readonly<Record<string, number>>;
  /** Standard hours per labour operation as the stations know them. */
  standardHours: Readonly<Record<string, number>>;
  /** A labour operation no catalogue has. */
  /** Non-genuine look-alike parts the catalogue lists (genuine: false), by component: claimed to provoke NOP. */
  nonGenuineParts: Readonly<Record<string, string>>;
  /** A part that is not damaged by anything in particular: claimed as consequential to provoke WC. */
  unrelatedPart: string;
  /** Travel bands as the stations claim them: [maxKm, amountFen]; empty when stations rarely travel. */
  travelBands: readonly (readonly [number, number])[];
  /** km per day a unit is used: [min, max]. */
  kmPerDay: readonly [number, number];
  /** Share of claims without an odometer reading. */
  noOdometerShare: number;
  scenarios: readonly ComponentScenario[];
}

export const NEV_PROFILE: LineProfile = {
  productLine: 'nev-special-vehicle',
  models: ['BL5180JSQ', 'BL5120ZYS', 'BL5040XXY'],
  regions: [['CN-HB', 40], ['CN-HN', 20], ['CN-JS', 15], ['CN-SD', 15], ['CN-GD-SZ', 10]],
  saleYears: [2021, 2025],
  stations: [['S1', 8000], ['S2', 6000], ['S3', 8000], ['S4', 6000], ['S5', 6000]],
  listPriceFen: {
    'NEV-BAT-001': 6800000, 'NEV-MOT-001': 1850000, 'NEV-MCU-001': 620000, 'NEV-HVH-001': 145000,
    'NEV-EPS-001': 340000, 'NEV-AIR-001': 280000, 'NEV-DCDC-001': 190000, 'NEV-BOOM-001': 1200000,
    'NEV-LAMP-001': 26000, 'NEV-PAD-001': 42000, 'NEV-CMP-001': 860000, 'NEV-WIP-001': 8000,
  },
  standardHours: { 'NEV-OP-BAT-RR': 6.0, 'NEV-OP-MOT-RR': 4.5, 'NEV-OP-EPS-RR': 1.5, 'NEV-OP-BOOM-REP': 8.0, 'NEV-OP-DIAG': 0.5 },
  nonGenuineParts: { 'traction-battery': 'AFTERMARKET-BAT-9' },
  unrelatedPart: 'NEV-PAD-001',
  travelBands: [[50, 10000], [100, 20000], [300, 50000]],
  kmPerDay: [40, 220],
  noOdometerShare: 0.02,
  scenarios: [
    { component: 'traction-battery', failureModes: ['no-charge', 'cell-failure', 'insulation-fault', 'overheating'], partNumber: 'NEV-BAT-001', operations: ['NEV-OP-BAT-RR'], meanAgeDays: 1100, weight: 12, consequential: ['NEV-HVH-001', 'NEV-DCDC-001'] },
    { component: 'drive-motor', failureModes: ['noise', 'burnout', 'insulation-fault', 'overheating'], partNumber: 'NEV-MOT-001', operations: ['NEV-OP-MOT-RR'], meanAgeDays: 1000, weight: 10, consequential: ['NEV-HVH-001', 'NEV-MCU-001'] },
    { component: 'motor-controller', failureModes: ['no-output', 'malfunction', 'short-circuit'], partNumber: 'NEV-MCU-001', operations: ['NEV-OP-DIAG', 'NEV-OP-MOT-RR'], meanAgeDays: 900, weight: 7, consequential: ['NEV-HVH-001', 'NEV-MOT-001'] },
    { component: 'hv-harness', failureModes: ['short-circuit', 'open-circuit', 'insulation-fault'], partNumber: 'NEV-HVH-001', operations: ['NEV-OP-DIAG'], meanAgeDays: 420, weight: 5 },
    { component: 'electric-steering', failureModes: ['malfunction', 'noise', 'leak'], partNumber: 'NEV-EPS-001', operations: ['NEV-OP-EPS-RR'], meanAgeDays: 800, weight: 8 },
    { component: 'electric-air-compressor', failureModes: ['noise', 'leak', 'malfunction'], partNumber: 'NEV-AIR-001', operations: ['NEV-OP-DIAG'], meanAgeDays: 750, weight: 6 },
    { component: 'dc-charging-unit', failureModes: ['no-output', 'overheating', 'malfunction'], partNumber: 'NEV-DCDC-001', operations: ['NEV-OP-DIAG'], meanAgeDays: 700, weight: 6 },
    { component: 'crane-boom', failureModes: ['crack', 'deformation'], partNumber: 'NEV-BOOM-001', operations: ['NEV-OP-BOOM-REP'], meanAgeDays: 520, weight: 8 },
    { component: 'cab-lamp', failureModes: ['open-circuit', 'malfunction', 'scratch'], partNumber: 'NEV-LAMP-001', operations: ['NEV-OP-DIAG'], meanAgeDays: 330, weight: 6 },
    { component: 'brake-pad', failureModes: ['wear'], partNumber: 'NEV-PAD-001', operations: ['NEV-OP-DIAG'], meanAgeDays: 240, weight: 4, wearPart: true },
    { component: 'compactor-structure', failureModes: ['crack', 'deformation'], partNumber: 'NEV-CMP-001', operations: ['NEV-OP-BOOM-REP'], meanAgeDays: 600, weight: 1 },
    { component: 'wiper-blade', failureModes: ['wear'], partNumber: 'NEV-WIP-001', operations: [], meanAgeDays: 200, weight: 1, wearPart: true },
  ],
};

export const E_BIKE_PROFILE: LineProfile = {
  productLine: 'e-bike',
  models: ['EB-48V-350', 'EB-60V-500'],
  regions: [['CN-ZJ', 40], ['CN-JS', 35], ['CN-TJ', 25]],
  saleYears: [2024, 2025],
  stations: [['EB-S1', 3000], ['EB-S2', 3000], ['EB-S3', 3000], ['EB-S4', 3000]],
  listPriceFen: {
    'EB-TUBE-16': 2500, 'EB-BAR-01': 6000, 'EB-FRAME-01': 42000, 'EB-BAT-4820': 129900, 'EB-MOT-350': 68000,
    'EB-CTRL-01': 18000, 'EB-PAD-01': 1500, 'EB-CHG-01': 9000, 'EB-DISP-01': 12000, 'EB-RIM-26': 8000,
  },
  standardHours: { 'EB-OP-BAT-RR': 0.3, 'EB-OP-MOT-RR': 1.0, 'EB-OP-FRAME-RR': 2.0, 'EB-OP-TUBE': 0.3 },
  nonGenuineParts: { 'li-ion-battery': 'EB-BAT-COPY' },
  unrelatedPart: 'EB-PAD-01',
  travelBands: [[20, 3000]],
  kmPerDay: [5, 25],
  noOdometerShare: 0.6,
  scenarios: [
    { component: 'inner-tube', failureModes: ['leak', 'pinhole'], partNumber: 'EB-TUBE-16', operations: ['EB-OP-TUBE'], meanAgeDays: 25, weight: 10 },
    { component: 'handlebar', failureModes: ['plating-blister', 'plating-peel', 'weld-fracture', 'fracture'], partNumber: 'EB-BAR-01', operations: [], meanAgeDays: 160, weight: 8 },
    { component: 'frame', failureModes: ['weld-fracture', 'fracture', 'paint-peel', 'scratch'], partNumber: 'EB-FRAME-01', operations: ['EB-OP-FRAME-RR'], meanAgeDays: 260, weight: 6 },
    { component: 'li-ion-battery', failureModes: ['no-charge', 'no-discharge', 'capacity-low', 'capacity-low', 'fire'], partNumber: 'EB-BAT-4820', operations: ['EB-OP-BAT-RR'], meanAgeDays: 480, weight: 14, consequential: ['EB-CTRL-01'] },
    { component: 'hub-motor', failureModes: ['gear-breakage', 'bearing-shattered', 'housing-crack', 'burnout', 'malfunction'], partNumber: 'EB-MOT-350', operations: ['EB-OP-MOT-RR'], meanAgeDays: 420, weight: 10, consequential: ['EB-CTRL-01'] },
    { component: 'controller', failureModes: ['malfunction', 'burnout'], partNumber: 'EB-CTRL-01', operations: [], meanAgeDays: 330, weight: 7, consequential: ['EB-DISP-01'] },
    { component: 'brake-pad', failureModes: ['wear'], partNumber: 'EB-PAD-01', operations: [], meanAgeDays: 120, weight: 4, wearPart: true },
    { component: 'charger', failureModes: ['malfunction', 'no-charge'], partNumber: 'EB-CHG-01', operations: [], meanAgeDays: 300, weight: 2 },
    { component: 'display', failureModes: ['no-display', 'malfunction'], partNumber: 'EB-DISP-01', operations: [], meanAgeDays: 300, weight: 1 },
    { component: 'rim', failureModes: ['plating-blister', 'plating-peel'], partNumber: 'EB-RIM-26', operations: [], meanAgeDays: 120, weight: 1 },
  ],
};

export const PROFILES: Readonly<Record<ProductLine, LineProfile>> = {
  'nev-special-vehicle': NEV_PROFILE,
  'e-bike': E_BIKE_PROFILE,
};

/** Diagnosed causes as stations report them: mostly manufacturer defects. */
export const CAUSE_MIX: readonly (readonly [string, number])[] = [
  ['defect-material', 30], ['defect-manufacturing', 25], ['defect-design', 8], ['defect-assembly', 12],
  ['misuse', 5], ['modification', 2], ['accident', 4], ['external-impact', 3], ['human-damage', 2],
  ['natural-disaster', 1], ['wear', 3], ['undetermined', 3],
];
