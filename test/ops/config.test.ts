import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

describe('configuration an operator relies on', () => {
  it('loads the demo units by default only on the embedded database', () => {
    expect(loadConfig({}).demoUnits).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/warranty' }).demoUnits).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/warranty', DEMO_UNITS: 'true' }).demoUnits).toBe(true);
    expect(loadConfig({ DEMO_UNITS: 'false' }).demoUnits).toBe(false);
  });

  it('refuses a bootstrap admin key shorter than 32 characters', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_KEY: 'x'.repeat(31) })).toThrow(/BOOTSTRAP_ADMIN_KEY: use at least 32 characters/);
    expect(loadConfig({ BOOTSTRAP_ADMIN_KEY: 'x'.repeat(32) }).bootstrapAdminKey).toHaveLength(32);
  });

  it('waits 10 s for in-flight requests on SIGTERM unless SHUTDOWN_TIMEOUT says otherwise', () => {
    expect(loadConfig({}).shutdownTimeoutSeconds).toBe(10);
    expect(loadConfig({ SHUTDOWN_TIMEOUT: '3' }).shutdownTimeoutSeconds).toBe(3);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT: '0' })).toThrow(/SHUTDOWN_TIMEOUT/);
  });

  it('bounds V8 heap growth to 60 % over the live heap unless HEAP_GROWING_PERCENT says otherwise (0: V8 decides)', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(60);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: '-5' })).toThrow(/HEAP_GROWING_PERCENT/);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: 'lots' })).toThrow(/HEAP_GROWING_PERCENT/);
  });
});
