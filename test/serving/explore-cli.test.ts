import { describe, expect, it } from 'vitest';
import { makeExploreCommand, type ScenarioLoader } from '../../src/cli/commands/explore.js';
import { toyEngine } from '../fixtures/toy-engine.js';
import { exploreSpec } from './scenario-fixtures.js';

const here = new URL(import.meta.url).pathname;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const loader: ScenarioLoader = async () => ({
  scenario: { deployments: [], explorations: [exploreSpec({ name: 'small' }, { slo: { tpotMs: 30, ttftMs: 400 } }), exploreSpec({ name: 'other', maxGpus: 2 })] },
  diagnostics: [], errorCount: 0,
});

describe('servescope explore', () => {
  const command = makeExploreCommand(loader, toyEngine);

  it('prints the best per strategy with snippets and the frontier', async () => {
    const c = capture();
    expect(await command.run([here, '--name', 'small'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/^explore small: [\d,]+ candidates, [\d,]+ evaluated, [\d,]+ pruned, [\d,]+ feasible in/);
    expect(text).toContain('best per strategy:');
    expect(text).toContain('frontier (tokens/s/GPU vs tokens/s/user');
    expect(text).toContain('deployment small_afd_');
    expect(text).not.toContain('explore other');
  });

  it('prints JSON and CSV', async () => {
    const j = capture();
    expect(await command.run([here, '--json'], j.io)).toBe(0);
    const results = JSON.parse(j.out.join('\n'));
    expect(results.map((r: { name: string }) => r.name)).toEqual(['small', 'other']);
    const c = capture();
    expect(await command.run([here, '--csv', '--name=small'], c.io)).toBe(0);
    expect(c.out[0]).toBe('explore,set,strategy,gpus,batch,output_tokens_per_s,output_tokens_per_s_per_gpu,output_tokens_per_s_per_user,ttft_ms,tpot_ms,requests_per_s,feasible,label');
    expect(c.out.filter((l) => l.startsWith('small,best,')).length).toBe(3);
    expect(c.out.length).toBe(1 + results[0].bestPerStrategy.length + results[0].frontier.length);
  });

  it('usage errors exit 2, unreadable files 3, unknown names and invalid files 1', async () => {
    const c = capture();
    expect(await command.run([], c.io)).toBe(2);
    expect(await command.run([here, '--json', '--csv'], c.io)).toBe(2);
    expect(await command.run(['/no/such/file.serve'], c.io)).toBe(3);
    expect(await command.run([here, '--name', 'nope'], c.io)).toBe(1);
    expect(c.err.join('\n')).toContain("no explore block named 'nope' in");
    const bad = makeExploreCommand(async () => ({ diagnostics: [{ message: 'unknown model', range: { start: { line: 2, character: 4 } } }], errorCount: 1 }), toyEngine);
    const b = capture();
    expect(await bad.run([here], b.io)).toBe(1);
    expect(b.err[0]).toBe("3:5: unknown model");
  });
});
