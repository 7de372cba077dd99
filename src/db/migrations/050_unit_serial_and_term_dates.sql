-- Units of a line with neither VIN nor frame serial (weighing equipment) are named by a generic serial
-- number; a line whose terms start at commissioning acceptance or delivery (policy `termStartsAt`)
-- reads those dates from the unit. All optional: existing units keep their sale date as term start.
ALTER TABLE units ADD COLUMN serial_number TEXT UNIQUE;
ALTER TABLE units ADD COLUMN commissioning_date DATE;
ALTER TABLE units ADD COLUMN delivery_date DATE;
