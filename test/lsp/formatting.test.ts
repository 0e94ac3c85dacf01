import { describe, test } from 'vitest';
import { expectFormatting } from 'langium/test';
import { createTestServices } from './helpers.js';

const options = { insertSpaces: true, tabSize: 2 };

describe('formatting', () => {
  test('indents blocks, one item per line, one space between words', async () => {
    const { Servescope } = createTestServices();
    await expectFormatting(Servescope)({
      options, disposeAfterCheck: true,
      before: 'gpu   H100{compute bf16 989 TFLOPS ,fp8   1979 TFLOPS memory 80 GB at 3.35 TB/s\n      source "datasheet"}',
      after: 'gpu H100 {\n  compute bf16 989 TFLOPS, fp8 1979 TFLOPS\n  memory 80 GB at 3.35 TB/s\n  source "datasheet"\n}',
    });
  });

  test('nested pools are indented twice; elements are separated by one blank line', async () => {
    const { Servescope } = createTestServices();
    await expectFormatting(Servescope)({
      options, disposeAfterCheck: true,
      before: 'import "a.serve"\nworkload w {input 2048 tokens}\n\n\n\ndeployment d serves m on c for w {\nprecision fp8\n aggregated x 2 { tp 8 max_batch 64 }\n}',
      after: 'import "a.serve"\n\nworkload w {\n  input 2048 tokens\n}\n\ndeployment d serves m on c for w {\n  precision fp8\n  aggregated x 2 {\n    tp 8\n    max_batch 64\n  }\n}',
    });
  });

  test('a formatted document is left as it is', async () => {
    const { Servescope } = createTestServices();
    const text = 'model m = base\n\nmodel n {\n  layers 2\n  attention gqa\n}';
    await expectFormatting(Servescope)({ options, disposeAfterCheck: true, before: text, after: text });
  });

  test('comments stay where they are', async () => {
    const { Servescope } = createTestServices();
    await expectFormatting(Servescope)({
      options, disposeAfterCheck: true,
      before: '// header\ngpu g { // trailing\n  /* block */ memory 80 GB\n  // own line\n  scaleup nvlink 450 GB/s\n}\nmodel m {\n layers 2 }\n',
      after: '// header\ngpu g { // trailing\n  /* block */\n  memory 80 GB\n  // own line\n  scaleup nvlink 450 GB/s\n}\n\nmodel m {\n  layers 2\n}\n',
    });
  });
});
