import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../src/core/settings';

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
});
