import { describe, expect, it } from 'vitest';
import { validate } from './helpers.js';

// The scenario of the language's design card (issue 2), verbatim but for the
// import and config.json lines, which need files on disk.
const ISSUE_EXAMPLE = `
gpu H100_SXM {                          // the library has this; users may define or extend
  compute bf16 989 TFLOPS, fp8 1979 TFLOPS
  memory 80 GB at 3.35 TB/s
}
gpu H100_96G extends H100_SXM { memory 96 GB at 3.9 TB/s }

cluster rack {
  nodes 4 of 8 x H100_SXM
  scaleup  nvlink     450 GB/s latency 2 us      // per GPU, per direction, inside a node
  scaleout infiniband 50 GB/s  latency 5 us topology fat-tree
}

model llama70b = llama3_70b               // from the library
model dsv3 {
  layers 61 dense_first 3 hidden 7168 vocab 129280
  attention mla heads 128 q_rank 1536 kv_rank 512 rope_dim 64 nope_dim 128 value_dim 128
  moe experts 256 active 8 shared 1 expert_ffn 2048 dense_ffn 18432
}

workload chat {
  input 2048 tokens  output 512 tokens      // fixed lengths, or a distribution with mean and p90
  prefix_reuse 30 %
  slo ttft 2 s  tpot 50 ms
}

deployment colocated serves dsv3 on rack for chat {
  precision fp8 kv fp8
  aggregated { gpus 32 tp 1 ep 32 attention_dp 32 chunk 8192 tokens max_batch 64 }
}
deployment pd serves dsv3 on rack for chat {
  prefill x 2 { gpus 8 ep 8 }
  decode  x 1 { gpus 16 ep 16 max_batch 128 }
}
deployment afd serves dsv3 on rack for chat {
  prefill x 2 { gpus 8 ep 8 }
  decode afd { attention 8 gpus attention_dp 8  ffn 8 gpus ep 8  microbatches 3 }
}
explore best serves dsv3 on rack for chat {
  strategies aggregated, disaggregated, afd
  gpus up to 32
  maximize tokens_per_gpu
}
`;

describe("the design card's example", () => {
  it('parses and links; the only errors are BF16 DeepSeek-V3 pools that cannot hold their weights', async () => {
    const r = await validate(ISSUE_EXAMPLE);
    expect(r.document.parseResult.parserErrors).toEqual([]);
    const errors = r.diagnostics.filter((d) => d.severity === 1);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((d) => d.code))).toEqual(new Set(['memoryDoesNotFit']));
    // pd and afd have no precision line: bf16 weights, ~1.3 TB over 8 prefill GPUs
    expect(errors[0].message).toMatch(/^prefill instance: weights \(1\d\d\.\d GB\)/);
    // the prefill pools of pd and afd (0-based lines), not the fp8 colocated deployment
    expect(errors.map((d) => d.range.start.line)).toEqual([31, 35]);
  });
});
