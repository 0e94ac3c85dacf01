/**
 * The server's settings: defaults, overridden by `initializationOptions`
 * (the client's snapshot at start), overridden by the workspace configuration
 * section `servescope` (live: updated on didChangeConfiguration).
 */
import { DEFAULT_SETTINGS, type ServescopeSettings } from '../protocol.js';

export function mergeSettings(base: ServescopeSettings, update: unknown): ServescopeSettings {
  if (!update || typeof update !== 'object') return base;
  const u = update as { engine?: { runOn?: unknown; debounceMs?: unknown }; calibrationFile?: unknown; servescope?: unknown };
  // Accept both `{ servescope: {...} }` and the section itself.
  if (u.servescope && typeof u.servescope === 'object') return mergeSettings(base, u.servescope);
  const runOn = u.engine?.runOn === 'change' || u.engine?.runOn === 'save' ? u.engine.runOn : base.engine.runOn;
  const debounceMs = typeof u.engine?.debounceMs === 'number' && Number.isFinite(u.engine.debounceMs) && u.engine.debounceMs >= 0
    ? u.engine.debounceMs : base.engine.debounceMs;
  const calibrationFile = typeof u.calibrationFile === 'string' ? u.calibrationFile
    : u.calibrationFile === null ? '' : base.calibrationFile;
  return { engine: { runOn, debounceMs }, calibrationFile };
}

export class SettingsTracker {
  private initial: ServescopeSettings = DEFAULT_SETTINGS;
  private current: ServescopeSettings = DEFAULT_SETTINGS;

  get settings(): ServescopeSettings {
    return this.current;
  }

  initialize(initializationOptions: unknown): void {
    this.initial = mergeSettings(DEFAULT_SETTINGS, initializationOptions);
    this.current = this.initial;
  }

  /** The workspace configuration section (a full section replaces the previous one, over the initial settings). */
  update(section: unknown): void {
    this.current = mergeSettings(this.initial, section);
  }
}
