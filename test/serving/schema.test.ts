import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateScenario } from '../../src/serving/index.js';
import { failingEngine, toyEngine } from '../fixtures/toy-engine.js';
import { validate } from './json-schema-lite.js';
import { aggregated1, afd, deployment, exploreSpec, pd11 } from './scenario-fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/estimate.schema.json', import.meta.url), 'utf8'));

describe('schema/estimate.schema.json', () => {
  const scenario = {
    deployments: [
      deployment('agg', aggregated1, { slo: { tpotMs: 5 } }),
      deployment('pd', pd11, { slo: { ttftMs: 100 }, arrivalRatePerSecond: 2 }),
      deployment('afd', afd),
    ],
    explorations: [exploreSpec({}, { slo: { tpotMs: 30, ttftMs: 400 } }), exploreSpec({ limit: 5 })],
  };

  it('accepts real reports (all strategies, violations, explorations, a capped search)', () => {
    const report = JSON.parse(JSON.stringify(estimateScenario(scenario, toyEngine, { source: 'toy.serve' })));
    expect(report.deployments).toHaveLength(3);
    expect(validate(schema, report)).toEqual([]);
  });

  it('accepts a report whose deployments failed in the engine', () => {
    const report = JSON.parse(JSON.stringify(estimateScenario({ deployments: scenario.deployments, explorations: [] }, failingEngine)));
    expect(validate(schema, report)).toEqual([]);
  });

  it('rejects a report with a missing metric or a wrong strategy', () => {
    const report = JSON.parse(JSON.stringify(estimateScenario({ deployments: [scenario.deployments[0]!], explorations: [] }, toyEngine)));
    delete report.deployments[0].tpotMs;
    report.deployments[0].strategy = 'monolithic';
    const problems = validate(schema, report);
    expect(problems).toContain('$.deployments[0]: missing tpotMs');
    expect(problems.some((p) => p.startsWith('$.deployments[0].strategy:'))).toBe(true);
  });
});
