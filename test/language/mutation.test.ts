/**
 * Randomized robustness: thousands of documents made by deleting, duplicating
 * and replacing tokens of the examples and the library go through parse,
 * link, validate and (when error-free) lowering. No exception may escape, and
 * no check may fail internally (Langium turns a throwing check into an
 * "An error occurred ..." diagnostic, which counts as a failure here).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createServescopeCoreServices } from '../../src/language/servescope-module.js';
import { ensureLibrary, LIBRARY_FILES } from '../../src/language/library.js';
import { lowerDocument } from '../../src/language/lowering.js';
import type { Document } from '../../src/language/generated/ast.js';
import { seededRandom } from '../fixtures/seeded-random.js';

const MUTANTS = Number(process.env.SERVESCOPE_MUTANTS ?? 5000);


const TOKEN = /"(?:\\.|[^"\\])*"|\/\/[^\n]*|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|[_a-zA-Z][\w-]*|\s+|./g;

// Replacement material beyond the corpus's own tokens: edge numbers, odd units, broken syntax.
const EXTRA = ['0', '-1', '1e308', '1e-9', '0.5', '99999999999', 'GB/s', 'TB', 'ms', '%', 'req/s', '{', '}', ',', '=', '"', '"x"',
  'extends', 'from', 'import', 'afd', 'x', 'gpus', 'up', 'to', 'tp', 'ep', 'pp', 'attention_dp', 'mla', 'gqa', 'moe', '/*', '*/', '\u00e9', '\n'];

describe('mutation robustness', () => {
  it(`parses, validates and lowers ${MUTANTS} mutated documents without an escaped exception`, async () => {
    const { shared } = createServescopeCoreServices({ ...NodeFileSystem });
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const factory = shared.workspace.LangiumDocumentFactory;
    await builder.build(ensureLibrary(shared), { validation: true });

    // Whole examples, and the library one element at a time (each resolves against the library).
    const corpus = [
      ...readdirSync('examples').filter((f) => f.endsWith('.serve')).map((f) => readFileSync(`examples/${f}`, 'utf8')),
      ...Object.values(LIBRARY_FILES).flatMap((text) => text.split(/\n(?=(?:gpu|cluster|model|workload) )/)),
    ].map((text) => text.match(TOKEN) ?? []);
    const vocabulary = [...new Set(corpus.flat().filter((t) => t.trim() !== '')), ...EXTRA];

    const random = seededRandom(20261201);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const failures: string[] = [];
    let lowered = 0;
    for (let i = 0; i < MUTANTS; i++) {
      const tokens = [...pick(corpus)];
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * tokens.length);
        const r = random();
        if (r < 0.35) tokens.splice(at, 1);
        else if (r < 0.55) tokens.splice(at, 0, tokens[at]);
        else tokens[at] = pick(vocabulary);
      }
      const text = tokens.join('');
      // Next to the examples, so relative imports and config.json paths resolve as they would.
      const uri = URI.file(resolve('examples', `mutant-${i}.serve`));
      try {
        const doc = factory.fromString<Document>(text, uri);
        documents.addDocument(doc);
        await builder.build([doc], { validation: true });
        const internal = (doc.diagnostics ?? []).filter((d) => /An error occurred|internal error/.test(d.message));
        if (internal.length > 0) failures.push(`#${i}: ${internal[0].message}\n${text}`);
        else if (!(doc.diagnostics ?? []).some((d) => d.severity === 1)) {
          lowerDocument(doc.parseResult.value);
          lowered++;
        }
      } catch (error) {
        failures.push(`#${i}: ${error instanceof Error ? error.stack : String(error)}\n${text}`);
      } finally {
        // Direct removal: no other document depends on a mutant, so nothing needs relinking.
        documents.deleteDocument(uri);
        shared.workspace.IndexManager.remove(uri);
      }
      if (failures.length > 3) break;
    }
    expect(failures).toEqual([]);
    // Some mutants stay valid (a duplicated comment, a changed number) and exercise lowering.
    expect(lowered).toBeGreaterThan(50);
  }, 120_000);
});
