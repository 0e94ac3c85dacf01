import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.js';
import { estimateCommand, formatEstimateTable } from '../../src/cli/commands/estimate.js';
import type { CliIo } from '../../src/cli/command.js';
import type { DeploymentEstimate, EstimateReport } from '../../src/serving/report.js';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const dir = mkdtempSync(join(tmpdir(), 'servescope-cli-'));
const bad = join(dir, 'bad.serve');
writeFileSync(bad, `model m = llama3_70b
deployment d serves m on hgx_h100_8 for chat {
  aggregated x 2 { gpus 8 tp 3 }
}
`);

describe('servescope check', () => {
  it('exits 0 on clean files and prints no diagnostics', async () => {
    const io = capture();
    expect(await checkCommand.run(['examples/llama70b-8xh100.serve', 'examples/qwen3-pd.serve'], io)).toBe(0);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual(['servescope check: 2 files, 0 errors, 0 warnings']);
  });

  it('prints file:line:col severity code message and exits 1 on errors', async () => {
    const io = capture();
    expect(await checkCommand.run([bad], io)).toBe(1);
    expect(io.stdout).toContain(`${bad}:3:25 error layoutMismatch gpus 8 is not a multiple of tp 3 x pp 1`);
    for (const line of io.stdout) expect(line).toMatch(/^.+:\d+:\d+ (error|warning|info) [a-zA-Z]+ .+$/);
  });

  it('exits 2 on usage errors and 3 on unreadable files, with one line each', async () => {
    const io = capture();
    expect(await checkCommand.run([], io)).toBe(2);
    expect(await checkCommand.run(['--fast', bad], io)).toBe(2);
    const io3 = capture();
    expect(await checkCommand.run([join(dir, 'missing.serve'), 'examples/fleet.serve'], io3)).toBe(3);
    expect(io3.stderr).toEqual([
      `servescope check: cannot read ${join(dir, 'missing.serve')}: no such file`,
      'servescope check: 2 files (1 unreadable), 0 errors, 0 warnings',
    ]);
    const io4 = capture();
    expect(await checkCommand.run([dir], io4)).toBe(3);
    expect(io4.stderr).toHaveLength(1);
    expect(io4.stderr[0]).toMatch(/it is a directory$/);
  });

  it('reports syntax errors with a code and never throws', async () => {
    const file = join(dir, 'syntax.serve');
    writeFileSync(file, 'gpu { compute bf16 }}} model');
    const io = capture();
    expect(await checkCommand.run([file], io)).toBe(1);
    expect(io.stdout.every((l) => / error syntaxError /.test(l))).toBe(true);
  });

  it('says what is wrong with a stray character, a sign or an open string, on one line', async () => {
    const file = join(dir, 'lexer.serve');
    writeFileSync(file, 'gpu g { memory -80 GB }\ngpu h { memory 80 GB ) }\nmodel m from "open\n');
    const io = capture();
    expect(await checkCommand.run([file], io)).toBe(1);
    expect(io.stdout).toContain(`${file}:1:16 error syntaxError unexpected '-': quantities are written without a sign (every figure in a scenario is positive)`);
    expect(io.stdout).toContain(`${file}:2:22 error syntaxError unexpected character ')'`);
    expect(io.stdout.some((l) => l.startsWith(`${file}:3:14 error syntaxError unterminated string: add the closing "`))).toBe(true);
  });
});

describe('servescope estimate', () => {
  it('refuses a file with errors, printing them', async () => {
    const io = capture();
    expect(await estimateCommand.run([bad], io)).toBe(1);
    expect(io.stderr.at(-1)).toBe(`servescope estimate: ${bad} has 1 error; run servescope check ${bad}`);
  });

  it('prints the JSON report of every deployment, evaluated by the engine', async () => {
    const io = capture();
    expect(await estimateCommand.run(['examples/llama70b-8xh100.serve', '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n')) as EstimateReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.source).toBe('examples/llama70b-8xh100.serve');
    expect(report.deployments.map((d) => [d.name, d.strategy, d.gpus, d.model, d.cluster, d.workload])).toEqual([
      ['tp8', 'aggregated', 8, 'llama70b', 'hgx_h100_8', 'chat'],
      ['tp4_x2', 'aggregated', 8, 'llama70b', 'hgx_h100_8', 'chat'],
    ]);
    for (const d of report.deployments) {
      expect(d.ttftMs).toBeGreaterThan(0);
      expect(d.tpotMs).toBeGreaterThan(0);
      expect(d.outputTokensPerSecondPerGpu).toBeCloseTo(d.outputTokensPerSecond / d.gpus, 6);
    }
    expect(io.stderr).toEqual([]);
  });

  it('prints a table with a context line and one row per deployment', async () => {
    const io = capture();
    expect(await estimateCommand.run(['examples/llama70b-8xh100.serve'], io)).toBe(0);
    expect(io.stdout[0]).toBe('llama70b on hgx_h100_8 (8 x H100_SXM) for chat: input 2,048, output 512 tokens, 20% prefix reuse; SLO TTFT 2,000 ms, TPOT 50 ms');
    expect(io.stdout[2]).toMatch(/^deployment\s+strategy\s+GPUs/);
    expect(io.stdout.filter((l) => /^(tp8|tp4_x2)\s+aggregated\s+8\s/.test(l))).toHaveLength(2);
  });

  it('exits 2 on usage errors', async () => {
    const io = capture();
    expect(await estimateCommand.run([], io)).toBe(2);
    expect(await estimateCommand.run(['a.serve', 'b.serve'], io)).toBe(2);
    expect(await estimateCommand.run(['a.serve', '--csv'], io)).toBe(2);
  });

  it('formats one row per deployment with verdict and violated SLOs', () => {
    const row = (name: string, feasible: boolean): DeploymentEstimate => ({
      name, strategy: 'disaggregated', model: 'm', cluster: 'c', workload: 'w', gpus: 24, ttftMs: 812.4, ttftUnqueuedMs: 301.2, tpotMs: 63.25,
      outputTokensPerSecond: 12345.6, outputTokensPerSecondPerGpu: 514.4, outputTokensPerSecondPerUser: 15.8, requestsPerSecond: 3,
      pools: [], feasible, violations: feasible ? [] : [{ metric: 'tpot', value: 63.25, objective: 50, message: 'TPOT 63 ms > 50 ms objective' }],
      prefill: undefined as never, decode: undefined as never, notes: [],
    });
    const lines = formatEstimateTable({ schemaVersion: 1, source: 'x', deployments: [row('pd', false), row('ok', true)], explorations: [] }, [{ name: 'afd', message: 'the performance engine is not implemented yet' }]);
    expect(lines[0]).toMatch(/^deployment\s+strategy\s+GPUs\s+req\/s\s+TTFT ms\s+idle TTFT\s+TPOT ms\s+tok\/s\s+tok\/s\/GPU\s+tok\/s\/user\s+verdict$/);
    expect(lines[2]).toMatch(/^pd\s+P\/D\s+24\s+3\.0\s+812\s+301\s+63\.3\s+12,346\s+514\s+15\.8\s+violates TPOT$/);
    expect(lines[3]).toMatch(/meets SLOs$/);
    expect(lines[4]).toMatch(/^afd\s+-.*not evaluated$/);
    expect(lines).toContain('  pd: TPOT 63 ms > 50 ms objective');
    expect(lines).toContain('  afd: not evaluated: the performance engine is not implemented yet');
  });

  it('shows TTFT as unbounded when the stated arrival rate is at or past capacity', async () => {
    const io = capture();
    expect(await estimateCommand.run(['examples/deepseek-v32-afd.serve'], io)).toBe(0);
    expect(io.stdout.find((l) => l.startsWith('pd '))).toMatch(/^pd\s+P\/D\s+256\s+[\d.]+\s+unbounded\s/);
    expect(io.stdout.find((l) => l.startsWith('afd '))).toMatch(/^afd\s+AFD\s+208\s+18\.0\s+[\d,]+\s.*meets SLOs$/);
    expect(io.stdout.some((l) => /^ {2}pd: arrival 18 req\/s >= capacity [\d.]+ req\/s .*grows without bound$/.test(l))).toBe(true);
  });
});
