/**
 * The `servescope.*` settings as the server receives them (src/protocol.ts):
 * defaults filled in, the calibration file made absolute against the first
 * workspace folder so the server needs no notion of workspaces.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type ServescopeSettings } from '../protocol.js';

export function readSettings(): ServescopeSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const runOn = config.get<string>('engine.runOn', DEFAULT_SETTINGS.engine.runOn);
  const debounceMs = config.get<number>('engine.debounceMs', DEFAULT_SETTINGS.engine.debounceMs);
  let calibrationFile = config.get<string>('calibrationFile', DEFAULT_SETTINGS.calibrationFile).trim();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (calibrationFile !== '' && !path.isAbsolute(calibrationFile) && folder?.uri.scheme === 'file') {
    calibrationFile = path.join(folder.uri.fsPath, calibrationFile);
  }
  return {
    engine: {
      runOn: runOn === 'save' ? 'save' : 'change',
      debounceMs: Number.isFinite(debounceMs) && debounceMs >= 0 ? debounceMs : DEFAULT_SETTINGS.engine.debounceMs,
    },
    calibrationFile,
  };
}
