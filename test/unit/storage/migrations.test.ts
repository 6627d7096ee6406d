import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/storage/migrations';
import { openLiqLabDb } from '../../../src/storage/open';
import { writeLiqRange } from '../../../src/storage/series-repo';

let n = 0;
const freshName = () => `migrations-${n++}-${Math.random()}`;

describe('migrations', () => {
  it('upgrades a version-1 database to the current schema and keeps its data', async () => {
    const name = freshName();
    const v1 = await openLiqLabDb(name, {}, MIGRATIONS.slice(0, 1));
    expect(v1.version).toBe(1);
    expect([...v1.objectStoreNames]).not.toContain('outbox');
    await writeLiqRange(v1, 'BTCUSDT_PERP.A', '1hour', 3600, 4 * 3600, [{ t: 7200, l: 5, s: 7 }]);
    await v1.put('kv', { apiKey: 'test-key' }, 'settings');
    v1.close();

    const current = await openLiqLabDb(name);
    expect(current.version).toBe(SCHEMA_VERSION);
    expect([...current.objectStoreNames]).toContain('outbox');
    const chunks = await current.getAll('liqChunks');
    expect(chunks).toHaveLength(1);
    const chunk = chunks[0];
    const i = (7200 - (chunk?.start ?? 0)) / 3600;
    expect(chunk?.long[i]).toBe(5);
    expect(chunk?.short[i]).toBe(7);
    expect(await current.get('kv', 'settings')).toEqual({ apiKey: 'test-key' });
    current.close();
  });

  it('rolls back a failing upgrade and leaves the old version readable', async () => {
    const name = freshName();
    const v1 = await openLiqLabDb(name, {}, MIGRATIONS.slice(0, 1));
    await v1.put('kv', 'kept', 'probe');
    v1.close();
    const broken = [
      ...MIGRATIONS.slice(0, 1),
      {
        version: 2,
        description: 'fails halfway',
        run() {
          throw new Error('boom');
        },
      },
    ];
    await expect(openLiqLabDb(name, {}, broken)).rejects.toThrow();
    const again = await openDB(name);
    expect(again.version).toBe(1);
    expect(await again.get('kv', 'probe')).toBe('kept');
    again.close();
  });

  it('closes an old connection when a newer version needs to upgrade, so the upgrade is never stuck', async () => {
    const name = freshName();
    let told = false;
    const old = await openLiqLabDb(name, { onVersionChange: () => (told = true) }, MIGRATIONS.slice(0, 1));
    const upgraded = await openLiqLabDb(name);
    expect(told).toBe(true);
    expect(upgraded.version).toBe(SCHEMA_VERSION);
    upgraded.close();
    old.close();
  });

  it('numbers migrations in rising order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });
});
