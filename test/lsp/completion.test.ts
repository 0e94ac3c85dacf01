import { describe, expect, test } from 'vitest';
import { expectCompletion } from 'langium/test';
import type { CompletionList } from 'vscode-languageserver';
import { createTestServices } from './helpers.js';
import { GPU_AND_CLUSTER, MODEL, WORKLOAD } from './fixtures/scenario.js';

const labels = (list: CompletionList) => list.items.map((i) => i.label);

describe('completion', () => {
  test('top-level keywords at the start of a document', async () => {
    const { Servescope } = createTestServices();
    await expectCompletion(Servescope)({
      text: '<|>', index: 0, disposeAfterCheck: true,
      assert: (list) => expect(labels(list)).toEqual(expect.arrayContaining(['import', 'gpu', 'cluster', 'model', 'workload', 'deployment', 'explore'])),
    });
  });

  test('units valid for the field: bytes after a memory capacity, bandwidth after `at`', async () => {
    const { Servescope } = createTestServices();
    await expectCompletion(Servescope)({
      text: 'gpu g {\n  memory 80 <|>\n}', index: 0, disposeAfterCheck: true,
      assert: (list) => {
        expect(labels(list)).toEqual(expect.arrayContaining(['GB', 'TB']));
        expect(labels(list)).not.toContain('ms');
      },
    });
    await expectCompletion(Servescope)({
      text: 'gpu g {\n  memory 80 GB at 3.35 <|>\n}', index: 0, disposeAfterCheck: true,
      assert: (list) => expect(labels(list)).toEqual(expect.arrayContaining(['TB/s', 'GB/s'])),
    });
  });

  test('units of an SLO target are times', async () => {
    const { Servescope } = createTestServices();
    await expectCompletion(Servescope)({
      text: 'workload w {\n  slo ttft 200 <|>\n}', index: 0, disposeAfterCheck: true,
      assert: (list) => {
        expect(labels(list)).toEqual(expect.arrayContaining(['ms', 'us', 's']));
        expect(labels(list)).not.toContain('GB');
      },
    });
  });

  test('field keywords inside a model block', async () => {
    const { Servescope } = createTestServices();
    await expectCompletion(Servescope)({
      text: 'model m {\n  <|>\n}', index: 0, disposeAfterCheck: true,
      assert: (list) => expect(labels(list)).toEqual(expect.arrayContaining(['layers', 'hidden', 'heads', 'kv_heads', 'attention', 'moe'])),
    });
  });

  test('references: models, clusters and workloads declared in another document', async () => {
    const services = createTestServices();
    await services.parse(`${GPU_AND_CLUSTER}\n${MODEL}\n${WORKLOAD}`, '/workspace/defs.serve');
    await expectCompletion(services.Servescope)({
      text: 'import "defs.serve"\ndeployment d serves <|>', index: 0, disposeAfterCheck: true,
      parseOptions: { documentUri: 'file:///workspace/use.serve' },
      assert: (list) => expect(labels(list)).toContain('llama70b'),
    });
    await expectCompletion(services.Servescope)({
      text: 'import "defs.serve"\ndeployment d serves llama70b on <|>', index: 0, disposeAfterCheck: true,
      parseOptions: { documentUri: 'file:///workspace/use2.serve' },
      assert: (list) => {
        expect(labels(list)).toContain('hgx');
        expect(labels(list)).not.toContain('llama70b');
      },
    });
  });
});
