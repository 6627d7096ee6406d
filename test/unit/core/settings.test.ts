import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { DEFAULT_SETTINGS, mergeSettings, settingsProblems } from '../../../src/core/settings';
import { openLiqLabDb } from '../../../src/storage/open';
import { InvalidSettings, readSettings, writeSettings } from '../../../src/storage/settings-repo';

describe('settings', () => {
  it('fills what an old save lacks with defaults and keeps what it has', () => {
    const merged = mergeSettings({ coinalyze: { apiKey: 'test-key' } });
    expect(merged.coinalyze.apiKey).toBe('test-key');
    expect(merged.coinalyze.apiBaseUrl).toBe('/coinalyze/v1');
    expect(merged.telegram).toEqual(DEFAULT_SETTINGS.telegram);
  });

  it('ignores mistyped and unknown fields instead of breaking', () => {
    const merged = mergeSettings({ coinalyze: { apiKey: 42, extra: 1 }, junk: true });
    expect(merged.coinalyze.apiKey).toBe('');
    expect(merged).not.toHaveProperty('junk');
    expect(mergeSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('spikes are scored in USD unless the user chose bp of open interest; nothing else is stored', async () => {
    expect(DEFAULT_SETTINGS.spikes.scoreBasis).toBe('usd');
    // A save from before the setting, and one with an unknown value, read as USD.
    expect(mergeSettings({ spikes: { zThreshold: 3 } }).spikes.scoreBasis).toBe('usd');
    expect(mergeSettings({ spikes: { scoreBasis: 'percent' } }).spikes.scoreBasis).toBe('usd');
    expect(mergeSettings({ spikes: { scoreBasis: 'bpOfOi' } }).spikes.scoreBasis).toBe('bpOfOi');
    const db = await openLiqLabDb(`settings-basis-${Math.random()}`);
    const bp = { ...DEFAULT_SETTINGS, spikes: { ...DEFAULT_SETTINGS.spikes, scoreBasis: 'bpOfOi' as const } };
    await writeSettings(db, bp);
    expect((await readSettings(db)).spikes.scoreBasis).toBe('bpOfOi');
    // The repository refuses an unknown basis and keeps what was stored.
    const bad = JSON.parse(JSON.stringify(bp));
    bad.spikes.scoreBasis = 'percent';
    expect(settingsProblems(bad)).toEqual(['spikes.scoreBasis must be "usd" or "bpOfOi", not "percent"']);
    await expect(writeSettings(db, bad)).rejects.toBeInstanceOf(InvalidSettings);
    expect((await readSettings(db)).spikes.scoreBasis).toBe('bpOfOi');
    db.close();
  });
});
