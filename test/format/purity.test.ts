/**
 * src/format is shared by the pure engine and serving layer and by the webview
 * bundle, so it may import nothing; and the engine may reach outside
 * src/engine only into src/format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Module specifiers of static imports and re-exports. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm), ...text.matchAll(/^\s*import\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('module purity', () => {
  test('src/format imports nothing', () => {
    const files = sources(join(root, 'src/format'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect({ file: relative(root, f), imports: specifiers(f) }).toEqual({ file: relative(root, f), imports: [] });
  });

  test('the engine imports outside src/engine only from src/format', () => {
    const engineDir = join(root, 'src/engine');
    const escaping: string[] = [];
    for (const f of sources(engineDir)) {
      for (const s of specifiers(f)) {
        if (!s.startsWith('.')) continue;
        const target = relative(root, resolve(dirname(f), s));
        if (!target.startsWith('src/engine/') && !target.startsWith('src/format/') && !target.startsWith('data/')) escaping.push(`${relative(root, f)} -> ${s}`);
      }
    }
    expect(escaping).toEqual([]);
    // The step table is one engine file that does use the shared formatters.
    expect(specifiers(join(engineDir, 'format-step.ts'))).toContain('../format/quantities.js');
  });
});
