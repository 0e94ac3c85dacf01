import { describe, expect, test } from 'vitest';
import { textDocumentPositionParams } from 'langium/test';
import { createTestServices, estimate } from './helpers.js';
import { SCENARIO } from './fixtures/scenario.js';
import { REPORT_SCHEMA_VERSION } from '../../src/serving/index.js';

async function hoverAt(text: string, needle: string, delta = 1, setUp?: (uri: string, s: ReturnType<typeof createTestServices>) => void) {
  const services = createTestServices();
  const document = await services.parse(text);
  setUp?.(document.uri.toString(), services);
  const hover = await services.Servescope.lsp.HoverProvider!.getHoverContent(document, textDocumentPositionParams(document, text.indexOf(needle) + delta));
  return hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : undefined;
}

describe('hover', () => {
  test('a GPU reference shows its datasheet figures and source', async () => {
    const value = await hoverAt(SCENARIO, 'x H100', 3);
    expect(value).toContain('**gpu H100**');
    expect(value).toContain('bf16 989 TFLOPS');
    expect(value).toContain('memory: 80 GB at 3.35 TB/s');
    expect(value).toContain('Source: NVIDIA H100 SXM datasheet');
  });

  test('a model name shows its source', async () => {
    const value = await hoverAt(SCENARIO, 'llama70b on', 2);
    expect(value).toContain('**model llama70b**');
    expect(value).toContain('meta-llama/Llama-3.1-70B');
  });

  test('a deployment without results says when the engine runs', async () => {
    const value = await hoverAt(SCENARIO, 'deployment main', 12);
    expect(value).toContain('serves `llama70b` on `hgx` for `chat`');
    expect(value).toContain('No estimate yet');
  });

  test('a deployment with results shows the verdict and the top operators with bound and provenance', async () => {
    const value = await hoverAt(SCENARIO, 'deployment main', 12, (uri, s) => s.editor.Estimates.set({
      uri, version: 1, errors: [], engineMs: 3,
      report: { schemaVersion: REPORT_SCHEMA_VERSION, source: uri, deployments: [estimate()], explorations: [] },
    }));
    expect(value).toContain('✓ meets its SLOs');
    expect(value).toContain('TTFT 212 ms · TPOT 38.4 ms · 1,450 tok/s/GPU');
    expect(value).toContain('**Decode step** 38 ms');
    // attn_decode: 0.2 ms x 80 layers = 16 ms, 42% of the 38 ms step.
    expect(value).toMatch(/\| attn_decode \| attention \| 16 ms \| 42% \| memory \| interpolated \|/);
    expect(value!.indexOf('attn_decode')).toBeLessThan(value!.indexOf('tp_allreduce'));
  });

  test('a field keyword explains itself', async () => {
    expect(await hoverAt(SCENARIO, 'tp 8', 0)).toMatch(/^`tp`: Tensor parallelism/);
    expect(await hoverAt(SCENARIO, 'slo ttft', 5)).toMatch(/^`ttft`: Time to first token/);
  });
});
