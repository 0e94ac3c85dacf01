import { describe, expect, test } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { deploymentFindings, EngineCodes, ENGINE_DIAGNOSTIC_SOURCE, topOperators } from '../../src/language/lsp/engine-findings.js';
import { engineDiagnostics } from '../../src/language/lsp/engine-diagnostics.js';
import { REPORT_SCHEMA_VERSION } from '../../src/serving/index.js';
import { createTestServices, decodeStep, estimate } from './helpers.js';
import { SCENARIO } from './fixtures/scenario.js';

describe('engine findings', () => {
  test('a missed SLO is a warning carrying the serving layer\'s cause', () => {
    const message = 'TPOT 63 ms > 50 ms objective: decode is memory-bound on attention at batch 128';
    const findings = deploymentFindings(estimate({ feasible: false, violations: [{ metric: 'tpot', value: 63, objective: 50, message }] }));
    expect(findings).toContainEqual({ deployment: 'main', code: EngineCodes.sloMissed, severity: 'warning', message });
    expect(findings.filter((f) => f.code === EngineCodes.infeasible)).toEqual([]);
  });

  test('memory that does not fit is an error, from the violation or from a pool', () => {
    const fromPool = deploymentFindings(estimate({
      feasible: false,
      pools: [{ role: 'decode', replicas: 1, gpusPerReplica: 8, layout: { tp: 8, pp: 1, ep: 1, attentionDp: 1 }, batch: 1,
        memory: { weightsBytes: 90e9, kvCacheBytes: 1e9, activationBytes: 1e9, capacityBytes: 80e9, freeBytes: -12e9, fits: false } }],
    }));
    expect(fromPool.map((f) => [f.code, f.severity])).toContainEqual([EngineCodes.memoryDoesNotFit, 'error']);
    expect(fromPool.find((f) => f.code === EngineCodes.memoryDoesNotFit)?.message).toContain('weights 90.0 GB');
  });

  test('a step dominated by communication reports the link bottleneck', () => {
    const step = decodeStep();
    step.layers[0].ops[2].timeMs = 0.5; // tp_allreduce 40 ms of an 85 ms step
    step.timeMs = 68;
    const findings = deploymentFindings(estimate({ decode: step }));
    const bottleneck = findings.find((f) => f.code === EngineCodes.linkBottleneck);
    expect(bottleneck?.message).toMatch(/^decode spends 59% of its step on communication; tp_allreduce \(tp_comm\) alone takes 59% \(NVLink ring\)$/);
  });

  test('a healthy deployment has no findings', () => {
    expect(deploymentFindings(estimate())).toEqual([]);
  });

  test('top operators sum same-named operators over layer kinds', () => {
    const step = decodeStep();
    step.layers.push({ kind: 'moe', count: 10, timeMs: 1, ops: [{ ...step.layers[0].ops[0] }] });
    const [top] = topOperators(step, 1);
    expect(top.name).toBe('attn_decode');
    expect(top.timeMs).toBeCloseTo(0.2 * 80 + 0.2 * 10);
  });

  test('findings become diagnostics on the deployment name, only while the document has no errors', async () => {
    const services = createTestServices();
    const document = await services.parse(SCENARIO);
    const uri = document.uri.toString();
    const message = 'TTFT 900 ms > 500 ms objective: prefill is compute-bound';
    services.editor.Estimates.set({
      uri, version: 1, errors: [], engineMs: 1,
      report: { schemaVersion: REPORT_SCHEMA_VERSION, source: uri, deployments: [estimate({ feasible: false, violations: [{ metric: 'ttft', message }] })], explorations: [] },
    });
    const diagnostics = engineDiagnostics(document, services.editor.Estimates);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ message, code: EngineCodes.sloMissed, source: ENGINE_DIAGNOSTIC_SOURCE, severity: DiagnosticSeverity.Warning });
    const line = SCENARIO.split('\n').findIndex((l) => l.startsWith('deployment main'));
    expect(diagnostics[0].range).toEqual({ start: { line, character: 11 }, end: { line, character: 15 } });

    document.diagnostics = [{ severity: DiagnosticSeverity.Error, message: 'broken', range: diagnostics[0].range }];
    expect(engineDiagnostics(document, services.editor.Estimates)).toEqual([]);
  });
});
