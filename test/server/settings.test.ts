import { describe, expect, test } from 'vitest';
import { mergeSettings, SettingsTracker } from '../../src/server/settings.js';
import { DEFAULT_SETTINGS } from '../../src/protocol.js';

describe('server settings', () => {
  test('initialization options, then the workspace section, over the defaults', () => {
    const tracker = new SettingsTracker();
    expect(tracker.settings).toEqual(DEFAULT_SETTINGS);
    tracker.initialize({ servescope: { engine: { runOn: 'change' }, calibrationFile: '/data/h100.json' } });
    expect(tracker.settings).toEqual({ engine: { runOn: 'change', debounceMs: 300 }, calibrationFile: '/data/h100.json' });
    tracker.update({ engine: { debounceMs: 50 } });
    expect(tracker.settings).toEqual({ engine: { runOn: 'change', debounceMs: 50 }, calibrationFile: '/data/h100.json' });
  });

  test('invalid values keep what was there', () => {
    expect(mergeSettings(DEFAULT_SETTINGS, { engine: { runOn: 'always', debounceMs: -5 } })).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings(DEFAULT_SETTINGS, null)).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings({ ...DEFAULT_SETTINGS, calibrationFile: 'x' }, { calibrationFile: '' })).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings(DEFAULT_SETTINGS, { calibrationFile: 42 })).toEqual(DEFAULT_SETTINGS);
  });
});
