import { describe, expect, it } from 'vitest';
import { isPool } from '../../src/language/generated/ast.js';
import { lastPoolField, poolFieldValue } from '../../src/language/resolve.js';
import { find, validate } from './helpers.js';

describe('pool fields', () => {
  it('read the last value written, as lowering does, so quick fixes and the engine agree', async () => {
    const r = await validate('deployment d serves llama3_8b on hgx_h100_8 for chat { aggregated { gpus 8 tp 2 tp 4 } }');
    const pool = find(r.document.parseResult.value, isPool);
    expect(poolFieldValue(pool, 'tp')).toBe(4);
    expect(poolFieldValue(pool, 'gpus')).toBe(8);
    expect(poolFieldValue(pool, 'ep')).toBeUndefined();
    expect(lastPoolField(pool, 'tp')).toBe(pool.fields[2]);
  });
});
