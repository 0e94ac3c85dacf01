/** Shared set-up of the editor tests: in-memory servescope services and a plausible estimate. */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { createServescopeServices } from '../../src/language/lsp/lsp-module.js';
import { editorServices } from '../../src/language/lsp/lsp-module.js';
import { ensureLibrary } from '../../src/language/library.js';
import type { Document } from '../../src/language/generated/ast.js';
import type { DeploymentEstimate } from '../../src/serving/index.js';
import type { StepBreakdown } from '../../src/engine/types.js';

export function createTestServices() {
  const services = createServescopeServices(EmptyFileSystem);
  const parse = parseHelper<Document>(services.Servescope);
  let library: Promise<void> | undefined;
  /** The built-in library, as the language server loads it with the workspace. */
  const withLibrary = () => (library ??= services.shared.workspace.DocumentBuilder.build(ensureLibrary(services.shared), { validation: true }));
  return {
    ...services,
    editor: editorServices(services.Servescope),
    withLibrary,
    /** Parse (and validate) a document at a file URI, so that imports resolve against its folder; the library is loaded first. */
    parse: async (text: string, path = `/workspace/doc-${Math.random().toString(36).slice(2)}.serve`): Promise<LangiumDocument<Document>> => {
      await withLibrary();
      return parse(text, { documentUri: URI.file(path).toString(), validation: true });
    },
  };
}

const memory = { weightsBytes: 70e9, kvCacheBytes: 5e9, activationBytes: 1e9, capacityBytes: 80e9, freeBytes: 4e9, fits: true };

export function decodeStep(): StepBreakdown {
  return {
    phase: 'decode', timeMs: 38, flops: 1e12, bytes: 1e11, memory,
    layers: [{
      kind: 'dense', count: 80, timeMs: 0.45,
      ops: [
        { name: 'attn_decode', category: 'attention', flops: 1, bytes: 1, timeMs: 0.2, bound: 'memory', provenance: 'interpolated' },
        { name: 'ffn_up_gate', category: 'dense_ffn', flops: 1, bytes: 1, timeMs: 0.15, bound: 'memory', provenance: 'fitted' },
        { name: 'tp_allreduce', category: 'tp_comm', flops: 0, bytes: 1, timeMs: 0.1, bound: 'network', provenance: 'measured', note: 'NVLink ring' },
      ],
    }],
  };
}

/** An estimate as the serving layer reports it; `overrides` shape the case under test. */
export function estimate(overrides: Partial<DeploymentEstimate> = {}): DeploymentEstimate {
  const step = decodeStep();
  return {
    name: 'main', strategy: 'aggregated', model: 'llama70b', cluster: 'hgx', workload: 'chat', gpus: 16,
    ttftMs: 212, tpotMs: 38.4, outputTokensPerSecond: 23200, outputTokensPerSecondPerGpu: 1450, outputTokensPerSecondPerUser: 26,
    requestsPerSecond: 90,
    pools: [{ role: 'aggregated', replicas: 2, gpusPerReplica: 8, layout: { tp: 8, pp: 1, ep: 1, attentionDp: 1 }, batch: 64, memory }],
    feasible: true, violations: [], prefill: { ...step, phase: 'prefill', timeMs: 180 }, decode: step, notes: [],
    ...overrides,
  };
}
