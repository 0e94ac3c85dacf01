import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNITS } from '../../src/language/units.js';

interface Rule { match?: string; begin?: string; end?: string; patterns?: Rule[] }
const tm = JSON.parse(readFileSync('syntaxes/servescope.tmLanguage.json', 'utf8')) as { scopeName: string; repository: Record<string, { patterns: Rule[] }> };
const rules: Rule[] = Object.values(tm.repository).flatMap((r) => r.patterns);
const regexes = rules.flatMap((r) => [r.match, r.begin].filter((s): s is string => s !== undefined)).map((s) => new RegExp(s));

describe('TextMate grammar (hand-maintained)', () => {
  it('colours every keyword of the Langium grammar', () => {
    const grammar = readFileSync('language/servescope.langium', 'utf8').replace(/\/\/[^\n]*/g, '');
    const keywords = [...new Set([...grammar.matchAll(/'([a-z_][a-z0-9_-]*)'/g)].map((m) => m[1]))];
    expect(keywords.length).toBeGreaterThan(80);
    const missing = keywords.filter((k) => !regexes.some((re) => new RegExp(`^(?:${re.source})$`).test(k) || re.test(` ${k} `)));
    expect(missing).toEqual([]);
  });

  it('colours every unit the language knows after a number', () => {
    const quantity = new RegExp(tm.repository.quantities.patterns[0].match!);
    for (const unit of Object.keys(UNITS)) {
      const m = quantity.exec(`12 ${unit}`);
      expect(m?.[2] ?? (unit === '%' ? m?.[0].endsWith('%') && '%' : undefined), unit).toBeTruthy();
    }
  });

  it('has the scope name the extension contributes', () => {
    expect(tm.scopeName).toBe('source.servescope');
  });
});
