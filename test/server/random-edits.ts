/**
 * Seeded random edits of a scenario text: inserts of language fragments,
 * deletes, garbage pastes and pastes of pieces of the text itself, the way a
 * person types, undoes and pastes (with worse luck).
 */

import { seededRandom } from '../fixtures/seeded-random.js';

export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}


const FRAGMENTS = [
  ' ', '\n', '  ', '{', '}', '{\n', '\n}', ',', '"', "'", '/', '%', '=', 'x', '0', '8', '80', '3.35', '1e3', '-',
  'gpu ', 'cluster ', 'model ', 'workload ', 'deployment ', 'explore ', 'import "x.serve"\n', 'serves ', ' on ', ' for ',
  'tp 8', 'ep 16', 'gpus 8', 'max_batch 64', 'heads 7', 'memory 80 GB', 'memory 80 GX', 'compute bf16 989 TFLOPS',
  'nodes 2 of 8 x H100', 'scaleup nvlink 450 GB/s', 'slo ttft 200 ms', 'input mean 2048 tokens p90 6000 tokens',
  'precision fp8', 'aggregated x 2 {', 'decode afd {', 'source "s"', '/* c */', '// c\n', 'llama70b', 'hgx', 'chat', 'H100',
];

const GARBAGE = '{}[]()<>!@#$%^&*~`|\\;:?éλ中\t0123456789abcXYZ_"\'/.,=+-';

export function* randomEdits(initial: string, count: number, seed: number): Generator<TextEdit> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let text = initial;
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (text.length + 1));
    const roll = random();
    let edit: TextEdit;
    if (text.length > 6000 || (roll < 0.3 && text.length > 0)) {
      const length = 1 + Math.floor(random() * 20);
      edit = { start: at, end: Math.min(text.length, at + length), insert: '' };
    } else if (roll < 0.6) {
      edit = { start: at, end: at, insert: pick(FRAGMENTS) };
    } else if (roll < 0.75) {
      const length = 1 + Math.floor(random() * 40);
      let garbage = '';
      for (let k = 0; k < length; k++) garbage += GARBAGE[Math.floor(random() * GARBAGE.length)];
      edit = { start: at, end: Math.min(text.length, at + Math.floor(random() * 5)), insert: garbage };
    } else if (roll < 0.9) {
      // Paste a piece of the original scenario (copy/paste of a block).
      const from = Math.floor(random() * initial.length);
      const length = 1 + Math.floor(random() * 120);
      edit = { start: at, end: at, insert: initial.slice(from, from + length) };
    } else {
      // Retype a word: replace a short range with a fragment.
      const length = 1 + Math.floor(random() * 6);
      edit = { start: at, end: Math.min(text.length, at + length), insert: pick(FRAGMENTS) };
    }
    text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
    yield edit;
  }
}
