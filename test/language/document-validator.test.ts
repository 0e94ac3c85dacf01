import { readFileSync, readdirSync } from 'node:fs';
import { DefaultDocumentValidator } from 'langium';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, nodeServices } from '../../src/cli/load.js';
import { ServescopeDocumentValidator } from '../../src/language/validation/document-validator.js';

const broken = [
  'model x extends nope {}',
  'deployment d serves llama3_70b on h100_node for chatt {}',
  'gpu g extends H100_SXM { memory 0 GB at 3.35 TB/s }',
  'workload w { input mean 1024 tokens output 512 tokens prefix_reuse 130 % slo ttft 2 s tpot 50 ms }',
].join('\n') + '\n';

describe('ServescopeDocumentValidator', () => {
  const { Servescope } = nodeServices();
  const reference = new DefaultDocumentValidator(Servescope);

  it('is the document validator the services use', () => {
    expect(Servescope.validation.DocumentValidator).toBeInstanceOf(ServescopeDocumentValidator);
  });

  const texts: Array<[string, string]> = [
    ['a document with errors and warnings', broken],
    ...readdirSync('examples').filter((f) => f.endsWith('.serve')).map((f): [string, string] => [`examples/${f}`, readFileSync(`examples/${f}`, 'utf8')]),
  ];
  for (const [name, text] of texts) {
    it(`reports the same diagnostics, in the same order, as Langium's default for ${name}`, async () => {
      const { document } = await loadScenarioText(text, name.startsWith('examples/') ? name : 'broken.serve');
      const expected = await reference.validateDocument(document);
      expect(await Servescope.validation.DocumentValidator.validateDocument(document)).toEqual(expected);
      if (name === 'a document with errors and warnings') expect(expected.length).toBeGreaterThanOrEqual(4);
    });
  }
});
