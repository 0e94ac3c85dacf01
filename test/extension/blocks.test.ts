import { describe, expect, it } from 'vitest';
import { findBlock, listBlocks } from '../../src/extension/blocks.js';

const text = `import "lib.serve"
// deployment old serves m on c for w { }
/* explore hidden serves m on c for w { } */
deployment agg serves deepseek_v3 on h100x32 for chat {
  aggregated x 4 { tp 8 }
}
deployment  pd_split
  serves deepseek_v3 on h100x32 for chat { }
explore search serves deepseek_v3 on h100x32 for chat { gpus up to 64 }
`;

describe('finding blocks by name', () => {
  it('lists deployment and explore headers, not commented-out ones', () => {
    expect(listBlocks(text).map((b) => `${b.kind} ${b.name}`)).toEqual(['deployment agg', 'deployment pd_split', 'explore search']);
    expect(listBlocks(text, 'explore').map((b) => b.name)).toEqual(['search']);
  });

  it('locates the name itself, for selection', () => {
    const b = findBlock(text, 'pd_split')!;
    expect(text.slice(b.offset, b.offset + b.length)).toBe('pd_split');
    const e = findBlock(text, 'search')!;
    expect(text.slice(e.offset, e.offset + e.length)).toBe('search');
  });

  it('finds nothing for an unknown or commented-out name', () => {
    expect(findBlock(text, 'old')).toBeUndefined();
    expect(findBlock(text, 'hidden')).toBeUndefined();
  });
});
