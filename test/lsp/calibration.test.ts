import { describe, expect, test } from 'vitest';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lowerDocument } from '../../src/language/lowering.js';
import { runEstimate } from '../../src/language/lsp/engine-runner.js';
import { withCalibration } from '../../src/language/lsp/calibration.js';
import { createTestServices } from './helpers.js';
import { LIBRARY_SCENARIO } from './fixtures/scenario.js';

const TABLE = resolve(fileURLToPath(import.meta.url), '../../../data/calibration/h100-sxm-80gb.jsonl');

async function scenario() {
  const services = createTestServices();
  const document = await services.parse(LIBRARY_SCENARIO);
  return lowerDocument(document.parseResult.value);
}

describe('calibration file setting', () => {
  test('every GPU of the scenario gets the file\'s kernel table; the estimate changes and says so', async () => {
    const plain = await scenario();
    const { scenario: calibrated, note } = withCalibration(plain, TABLE);
    expect(calibrated.deployments[0].cluster.gpu.calibration).toMatch(/h100-sxm-80gb\.jsonl#H100_SXM@/);
    expect(plain.deployments[0].cluster.gpu.calibration).toBe('h100-sxm-80gb');
    expect(note).toMatch(/kernel timings from .*h100-sxm-80gb\.jsonl \(\d+ rows\)/);

    const fitted = runEstimate({ scenario: plain, source: 'x', skipExplore: true }, () => false);
    const measured = runEstimate({ scenario: plain, source: 'x', skipExplore: true, calibrationFile: TABLE }, () => false);
    expect(measured.deployments[0].decode.timeMs).not.toBe(fitted.deployments[0].decode.timeMs);
    expect(measured.deployments[0].notes.at(-1)).toBe(note);
  });

  test('a file that cannot be read leaves the fitted efficiencies and a note', async () => {
    const plain = await scenario();
    const report = runEstimate({ scenario: plain, source: 'x', skipExplore: true, calibrationFile: '/nonexistent/table.jsonl' }, () => false);
    expect(report.deployments[0].notes.at(-1)).toMatch(/^calibration file \/nonexistent\/table\.jsonl not used \(.*\); fitted efficiencies instead$/);
  });
});
