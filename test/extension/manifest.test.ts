// package.json "contributes" and the client code name the same commands,
// settings and language; the settings' defaults are the protocol's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ids from '../../src/extension/ids.js';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../src/protocol.js';
import { COMMAND_TITLES } from '../e2e/steps.mjs';
import { LIBRARY_SCHEME } from '../../src/language/library.js';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const contributes = manifest.contributes;

describe('extension manifest', () => {
  it('activates only on the servescope language and loads the CommonJS bundle', () => {
    expect(manifest.activationEvents).toEqual([`onLanguage:${ids.LANGUAGE_ID}`]);
    expect(manifest.main).toBe('./out/extension.cjs');
  });

  it('registers .serve with its grammar and language configuration', () => {
    expect(contributes.languages).toEqual([expect.objectContaining({ id: ids.LANGUAGE_ID, extensions: ['.serve'], configuration: './language-configuration.json' })]);
    // The client opens go-to-definition targets in the library under the server's scheme; .serve gives them the language.
    expect(ids.LIBRARY_SCHEME).toBe(LIBRARY_SCHEME);
    const grammar = contributes.grammars[0];
    const tm = JSON.parse(readFileSync(new URL(`../../${grammar.path}`, import.meta.url), 'utf8'));
    expect(grammar.scopeName).toBe(tm.scopeName);
    const config = JSON.parse(readFileSync(new URL('../../language-configuration.json', import.meta.url), 'utf8'));
    expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
  });

  it('contributes the commands the client registers, titled as the e2e suite runs them', () => {
    const commands = contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(commands).toEqual([ids.SHOW_RESULTS_COMMAND, ids.EXPLORE_COMMAND, ids.EXPORT_JSON_COMMAND, ids.EXPORT_CSV_COMMAND, ids.SHOW_LOG_COMMAND].sort());
    const titles = contributes.commands.map((c: { category: string; title: string }) => `${c.category}: ${c.title}`);
    for (const title of COMMAND_TITLES) expect(titles).toContain(title);
    for (const entry of contributes.menus.commandPalette) expect(entry.when).toBe(`editorLangId == ${ids.LANGUAGE_ID}`);
  });

  it('declares the settings with the protocol defaults', () => {
    const props = contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual([`${SETTINGS_SECTION}.calibrationFile`, `${SETTINGS_SECTION}.engine.debounceMs`, `${SETTINGS_SECTION}.engine.runOn`]);
    expect(props[`${SETTINGS_SECTION}.engine.runOn`].default).toBe(DEFAULT_SETTINGS.engine.runOn);
    expect(props[`${SETTINGS_SECTION}.engine.runOn`].enum.sort()).toEqual(['change', 'save']);
    expect(props[`${SETTINGS_SECTION}.engine.debounceMs`].default).toBe(DEFAULT_SETTINGS.engine.debounceMs);
    expect(props[`${SETTINGS_SECTION}.calibrationFile`].default).toBe(DEFAULT_SETTINGS.calibrationFile);
  });

  it('packages bundles, grammar and configuration only', () => {
    const ignore = readFileSync(new URL('../../.vscodeignore', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).toBe('**');
    expect(ignore).toContain('!out/extension.cjs');
    expect(ignore).toContain('!out/server.cjs');
    expect(ignore).toContain('!out/webview.js');
    expect(ignore.some((l) => l.includes('node_modules'))).toBe(false);
  });
});
