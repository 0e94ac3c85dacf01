import { describe, expect, it } from 'vitest';
import { expectError, expectNoIssues, expectWarning } from 'langium/test';
import {
  isDeployment, isExploreField, isGpu, isImport, isModel, isModelField, isPool, isPoolField, isPrecisionItem, isQuantity,
  isTier, isWorkload,
} from '../../src/language/generated/ast.js';
import type { AstNode as LangiumNode } from 'langium';
import { codes, find, validate } from './helpers.js';
import { DiagnosticCodes } from '../../src/language/validation/codes.js';

const nodeWhere = <T extends LangiumNode>(guard: (n: unknown) => n is T, extra: (n: T) => boolean = () => true) =>
  (n: LangiumNode): n is T => guard(n) && extra(n);

const dense = (pool: string, extra = ''): string => `
deployment d serves llama3_70b on hgx_h100_8 for chat {
  ${extra}
  ${pool}
}`;

describe('numbers and units', () => {
  it('reports an unknown unit at the unit, suggesting the right case', async () => {
    const r = await validate('gpu g { compute bf16 989 tflops memory 80 GB at 3 TB/s }');
    expectError(r, /unknown unit 'tflops' for bf16 compute: did you mean 'TFLOPS'\?/, { node: find(r.document.parseResult.value, isQuantity), property: 'unit', code: 'unknownUnit' });
    expect(r.diagnostics.find((d) => d.code === 'unknownUnit')?.data).toMatchObject({ code: 'unknownUnit', replacement: 'TFLOPS' });
  });

  it('reports a unit of the wrong dimension', async () => {
    const r = await validate('gpu g { compute bf16 989 TFLOPS memory 80 GB/s at 3 TB/s }');
    expectError(r, /memory capacity expects a size \(GB\).* not 'GB\/s'/, { code: 'wrongDimension' });
  });

  it('reports a missing unit where one is needed', async () => {
    const r = await validate('workload w { input 10 tokens output 10 tokens slo ttft 2 }');
    expectError(r, /ttft SLO expects a time/, { code: 'wrongDimension' });
  });

  it('reports zero GPUs as non-positive', async () => {
    const r = await validate(dense('aggregated { gpus 0 }'));
    expectError(r, 'gpus must be positive', { node: find(r.document.parseResult.value, isQuantity), property: 'value', code: 'nonPositive' });
  });

  it('reports absurd layer counts', async () => {
    const r = await validate('model m extends llama3_8b { layers 1e12 }');
    expectError(r, /layers 1000000000000 is beyond any real system/, { code: 'absurdValue' });
  });

  it('reports fractional counts', async () => {
    const r = await validate('model m extends llama3_8b { layers 61.5 }');
    expectError(r, 'layers must be a whole number, not 61.5', { code: 'notInteger' });
  });

  it('accepts binary and decimal sizes and bit rates', async () => {
    const r = await validate(`
      gpu g { compute bf16 1 PFLOPS memory 96 GiB at 4000 GB/s scaleup nvlink 3.6 Tb/s latency 1500 ns domain 8 }`);
    expectNoIssues(r);
  });
});

describe('names and files', () => {
  it('reports duplicate names of one kind', async () => {
    const r = await validate('model a = llama3_8b\nmodel a = llama3_70b');
    const second = r.document.parseResult.value.elements[1];
    expectError(r, 'model a is already defined on line 1', { node: second, property: 'name', code: 'duplicateName' });
  });

  it('reports deployment and explore sharing a name', async () => {
    const r = await validate(`${dense('aggregated { gpus 8 }')}
      explore d serves llama3_70b on hgx_h100_8 for chat { gpus up to 8 }`);
    expect(codes(r)).toContain('duplicateName');
  });

  it('reports an import that cannot be found', async () => {
    const r = await validate('import "./missing.serve"\nmodel a = llama3_8b');
    expectError(r, 'cannot find imported file "./missing.serve"', { node: find(r.document.parseResult.value, isImport), property: 'path', code: 'unresolvedImport' });
  });

  it('reports an unresolved name', async () => {
    const r = await validate(dense('aggregated { gpus 8 }').replace('llama3_70b', 'llama3_07b'));
    expectError(r, "unknown model 'llama3_07b' (not in this file, its imports or the library): did you mean llama3_70b?", { node: find(r.document.parseResult.value, isDeployment), property: 'model' });
  });

  it('reports inheritance cycles', async () => {
    const r = await validate('model a extends b { layers 2 }\nmodel b extends a { layers 3 }');
    expectError(r, /model a extends itself/, { node: find(r.document.parseResult.value, isModel), property: 'base', code: 'inheritanceCycle' });
  });

  it('reports a Hugging Face config that cannot be read', async () => {
    const r = await validate('model m from "./no/config.json"');
    expectError(r, /cannot read "\.\/no\/config\.json"/, { node: find(r.document.parseResult.value, isModel), property: 'config', code: 'hfConfigNotFound' });
  });
});

describe('required fields', () => {
  it('reports a GPU without memory', async () => {
    const r = await validate('gpu g { compute bf16 100 TFLOPS }');
    expectError(r, /gpu g needs memory: add e.g. `memory 80 GB at 3.35 TB\/s`/, { node: find(r.document.parseResult.value, isGpu), property: 'name', code: 'missingField' });
  });

  it('reports a workload without output length', async () => {
    const r = await validate('workload w { input 100 tokens }');
    expectError(r, /workload w needs output/, { node: find(r.document.parseResult.value, isWorkload), property: 'name', code: 'missingField' });
  });

  it('does not call a written but absurd length missing', async () => {
    const r = await validate('workload w { input 1e15 tokens output 512 tokens }');
    expect(codes(r)).toContain('absurdValue');
    expect(codes(r)).not.toContain('missingField');
  });

  it('reports a model without layers', async () => {
    const r = await validate('model m { hidden 4096 vocab 32000 heads 32 dense_ffn 11008 }');
    expectError(r, /model m needs layers/, { code: 'missingField' });
  });

  it('reports MoE fields without experts', async () => {
    const r = await validate('model m extends llama3_8b { active 2 }');
    expectError(r, /needs experts \(active is set\)/, { code: 'missingField' });
  });

  it('warns about attention fields of another attention kind', async () => {
    const r = await validate('model m extends llama3_8b { kv_rank 512 attention gqa }');
    expectWarning(r, 'kv_rank does not apply to gqa attention and is ignored', { node: find(r.document.parseResult.value, isModelField), property: 'key', code: 'attentionFieldsMismatch' });
  });
});

describe('interconnect', () => {
  it('rejects scale-out tiers inside a gpu', async () => {
    const r = await validate('gpu g extends H100_SXM { scaleout infiniband 50 GB/s }');
    expectError(r, /a gpu describes only its own scale-up link/, { node: find(r.document.parseResult.value, isTier), property: 'level', code: 'gpuTierNotScaleup' });
  });

  it('requires tiers innermost first', async () => {
    const r = await validate(`cluster c {
      nodes 4 of 8 x H100_SXM
      scaleup nvlink 450 GB/s domain 32
      scaleout infiniband 50 GB/s domain 8
    }`);
    expectError(r, /tier infiniband spans 8 GPUs, not more than the tier inside it/, { code: 'tierDomainOrder' });
  });

  it('says when it assumes a scale-out network', async () => {
    const r = await validate('cluster c { nodes 2 of 8 x H100_SXM }');
    expect(r.diagnostics.find((d) => d.code === 'missingScaleout')?.message).toMatch(/assuming 400 Gb\/s InfiniBand/);
  });
});

describe('placements', () => {
  it('reports tp that does not divide the heads, at tp', async () => {
    const r = await validate(dense('aggregated { gpus 6 tp 6 }'));
    const tp = find(r.document.parseResult.value, nodeWhere(isPoolField, (f) => f.key === 'tp'));
    expectError(r, 'tp 6 does not divide the 64 attention heads of llama3_70b', { node: tp, property: 'value', code: 'tpNotDividingHeads' });
    expect(r.diagnostics[0].data).toEqual({ code: 'tpNotDividingHeads', values: [1, 2, 4] });
  });

  it('reports experts not divisible by ep, at ep', async () => {
    const r = await validate(`deployment d serves mixtral_8x7b on hgx_h100_8 for chat { aggregated { gpus 6 tp 2 attention_dp 3 ep 3 } }`);
    const ep = find(r.document.parseResult.value, nodeWhere(isPoolField, (f) => f.key === 'ep'));
    expectError(r, 'ep 3 does not divide the 8 routed experts of mixtral_8x7b', { node: ep, property: 'value', code: 'expertsNotDivisibleByEp' });
  });

  it('warns about ep on a dense model', async () => {
    const r = await validate(dense('aggregated { gpus 8 tp 8 ep 8 }'));
    expectWarning(r, /has no routed experts/, { code: 'epWithoutExperts' });
  });

  it('reports a placement needing more GPUs than the cluster has, at the cluster', async () => {
    const r = await validate(dense('aggregated x 2 { gpus 8 }'));
    expectError(r, 'deployment d needs 16 GPUs (2 x 8) but cluster hgx_h100_8 has 8', { node: find(r.document.parseResult.value, isDeployment), property: 'cluster', code: 'tooManyGpus' });
  });

  it('a layout error is not hidden by a GPU-count error: each at its own line with its own code', async () => {
    // The deployment needs 4 x 6 = 24 GPUs of 8, and tp 6 does not divide 64 heads.
    const text = `cluster small {
  nodes 1 of 8 x H100_SXM
}

deployment d serves llama3_70b on small for chat {
  aggregated x 4 {
    tp 6
  }
}`;
    const r = await validate(text);
    const lines = text.split('\n');
    const at = (code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line);
    expect(at('tooManyGpus')).toEqual([lines.findIndex((l) => l.startsWith('deployment d'))]);
    expect(at('tpNotDividingHeads')).toEqual([lines.indexOf('    tp 6')]);
    expect(r.diagnostics.find((d) => d.code === 'tooManyGpus')?.message).toBe('deployment d needs 24 GPUs (4 x 6) but cluster small has 8');
    expect(r.diagnostics.find((d) => d.code === 'tpNotDividingHeads')?.message).toBe('tp 6 does not divide the 64 attention heads of llama3_70b');
  });

  it('experts not divisible by ep and too many GPUs, in a P/D deployment: both, at the ep and at the cluster', async () => {
    const text = `cluster small {
  nodes 1 of 8 x H100_SXM
}

deployment d serves deepseek_v3 on small for chat {
  precision fp8
  prefill x 1 { gpus 8 tp 8 }
  decode x 2 {
    tp 2
    attention_dp 3
    ep 6
  }
}`;
    const r = await validate(text);
    const lines = text.split('\n');
    const at = (code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line);
    expect(at('tooManyGpus')).toEqual([lines.findIndex((l) => l.startsWith('deployment d'))]);
    expect(at('expertsNotDivisibleByEp')).toEqual([lines.indexOf('    ep 6')]);
    expect(r.diagnostics.find((d) => d.code === 'expertsNotDivisibleByEp')?.message).toBe('ep 6 does not divide the 256 routed experts of deepseek_v3');
  });

  it('a pool whose GPU count does not add up still gets its heads/tp and experts/ep errors', async () => {
    // gpus 8 is not a multiple of tp 6, and tp 6 does not divide the 128 heads; in the decode pool ep 12
    // neither divides the 16 GPUs of a stage nor the 256 experts: four problems, each with its own code.
    const text = `deployment d serves deepseek_v3 on h100_rack_32 for chat {
  precision fp8
  prefill x 1 {
    gpus 8
    tp 6
  }
  decode x 1 {
    gpus 16
    tp 8
    ep 12
  }
}`;
    const r = await validate(text);
    const lines = text.split('\n');
    const at = (code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line).sort((a, b) => a - b);
    expect(at('layoutMismatch')).toEqual([lines.indexOf('    gpus 8'), lines.indexOf('    ep 12')]);
    expect(at('tpNotDividingHeads')).toEqual([lines.indexOf('    tp 6')]);
    expect(at('expertsNotDivisibleByEp')).toEqual([lines.indexOf('    ep 12')]);
    // The quick fixes' degrees fit the GPUs the pool writes: tp 8 and ep 16 would mend both errors of each pool.
    expect(r.diagnostics.find((d) => d.code === 'tpNotDividingHeads')?.data).toEqual({ code: 'tpNotDividingHeads', values: [1, 2, 4, 8] });
    expect(r.diagnostics.find((d) => d.code === 'expertsNotDivisibleByEp')?.data).toEqual({ code: 'expertsNotDivisibleByEp', values: [1, 2, 4, 8, 16] });
    expect(codes(r).sort()).toEqual(['expertsNotDivisibleByEp', 'layoutMismatch', 'layoutMismatch', 'tpNotDividingHeads']);
  });

  it('reports gpus that differ from tp x attention_dp x pp', async () => {
    const r = await validate(dense('aggregated { gpus 8 tp 4 attention_dp 1 }'));
    expectError(r, 'gpus 8 is not tp x attention_dp x pp (4 x 1 x 1 = 4)', { code: 'layoutMismatch' });
  });

  it('reports a pipeline deeper than the model', async () => {
    const r = await validate(`cluster big { nodes 16 of 8 x H100_SXM }
      deployment d serves llama3_8b on big for chat { aggregated { gpus 128 tp 1 pp 128 } }`);
    expectError(r, 'pp 128 exceeds the 32 layers of llama3_8b', { code: 'pipelineTooDeep' });
  });

  it('reports a deployment with a prefill pool and no decode pool', async () => {
    const r = await validate(dense('prefill { gpus 4 }'));
    expectError(r, /needs one prefill and one decode pool \(it has 1 prefill, 0 decode\)/, { node: find(r.document.parseResult.value, isDeployment), property: 'name', code: 'poolsMismatch' });
  });

  it('reports AFD groups that do not add up', async () => {
    const r = await validate(`deployment d serves deepseek_v3 on h100_rack_32 for chat {
      precision fp8
      prefill x 2 { gpus 8 ep 8 }
      decode afd { gpus 20 attention 8 gpus attention_dp 8 ffn 8 gpus ep 8 }
    }`);
    const gpus = find(r.document.parseResult.value, nodeWhere(isPoolField, (f) => f.key === 'gpus' && (f.$container as { afd?: boolean }).afd === true));
    expectError(r, 'gpus 20 is not attention 8 + ffn 8 = 16', { node: gpus, property: 'value', code: 'afdGroupsMismatch' });
  });

  it('reports an AFD attention group that is not tp x attention_dp', async () => {
    const r = await validate(`deployment d serves deepseek_v3 on h100_rack_32 for chat {
      precision fp8
      prefill x 2 { gpus 8 ep 8 }
      decode afd { attention 8 gpus tp 2 attention_dp 2 ffn 8 gpus }
    }`);
    expectError(r, 'attention 8 GPUs is not tp x attention_dp (2 x 2)', { code: 'afdGroupsMismatch' });
  });

  it('says by how many GB weights and KV cache do not fit', async () => {
    const r = await validate(`deployment d serves llama3_405b on hgx_h100_8 for chat { aggregated { gpus 4 tp 4 } }`);
    expectError(r, /^aggregated instance: weights \(\d+\.\d GB\) \+ KV cache of one 2560-token sequence \(\d+\.\d+ GB\) \+ activations and workspace \(\d+\.\d+ GB\) need \d+\.\d GB per GPU; H100_SXM has 77\.3 GB usable \(90% of 85\.9 GB\): \d+\.\d GB short$/, { node: find(r.document.parseResult.value, isPool), property: 'role', code: 'memoryDoesNotFit' });
  });

  it('says when the FFN GPUs of an AFD pool cannot hold their experts', async () => {
    const r = await validate(`deployment d serves deepseek_v3 on h100_rack_32 for chat {
      precision fp8
      prefill x 1 { gpus 16 tp 8 attention_dp 2 ep 16 }
      decode afd { attention 8 gpus attention_dp 8 ffn 8 gpus ep 8 }
    }`);
    expectError(r, /^AFD FFN GPU: weights \(84\.3 GB\) \+ activations and workspace \(\d\.\d+ GB\) need 85\.\d GB per GPU; H100_SXM has 77\.3 GB usable/, { code: 'memoryDoesNotFit' });
  });

  it('warns about a precision the GPU has no tensor cores for', async () => {
    const r = await validate(dense('aggregated { gpus 8 }', 'precision fp4'));
    expectWarning(r, /H100_SXM has no fp4 tensor-core rate/, { node: find(r.document.parseResult.value, isPrecisionItem), property: 'weights', code: 'dtypeNotSupported' });
  });

  it('warns about a pool field given twice', async () => {
    const r = await validate(dense('aggregated { gpus 8 tp 8 gpus 8 }'));
    expect(codes(r)).toEqual(['duplicateField']);
  });

  it('reads `8 gpus` as an AFD group size and `gpus 8` as a field', async () => {
    const r = await validate(`deployment d serves deepseek_v3 on h200_rack_32 for chat {
      precision fp8
      prefill x 2 { tp 8 gpus 8 }
      decode afd { gpus 16 attention 8 gpus attention_dp 8 ffn 8 gpus ep 8 }
    }`);
    expectNoIssues(r);
  });

  it('reports an explore space larger than its limit, at the limit', async () => {
    const r = await validate(`explore e serves deepseek_v3 on h100_rack_32 for chat {
      precision fp8
      strategies aggregated, disaggregated, afd
      gpus up to 32
      limit 10
    }`);
    expectError(r, /explore e spans [\d,]+ candidate placements, more than its limit 10/, { node: find(r.document.parseResult.value, isExploreField), property: 'value', code: 'exploreSpaceTooLarge' });
  });

  it('reports an explore budget above the cluster size', async () => {
    const r = await validate('explore e serves llama3_8b on hgx_h100_8 for chat { gpus up to 64 }');
    expectError(r, 'gpus up to 64 exceeds the 8 GPUs of cluster hgx_h100_8', { code: 'tooManyGpus' });
  });

  it('accepts a valid deployment without issues', async () => {
    const r = await validate(dense('aggregated { gpus 8 tp 8 max_batch 64 }', 'precision fp8 kv fp8'));
    expectNoIssues(r);
  });
});

describe('codes', () => {
  it('describes every code in one line', () => {
    for (const [code, text] of Object.entries(DiagnosticCodes)) {
      expect(code).toMatch(/^[a-z][A-Za-z]+$/);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toContain('\n');
    }
  });
});
