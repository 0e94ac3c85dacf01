#!/usr/bin/env python3
"""Collect a kernel timing table on your own GPU for servescope's measured mode.

Writes JSONL in the format of data/calibration/h100-sxm-80gb.jsonl (see
data/calibration/README.md): one object per line with `kind` in
{env, copy, gemm, attn_prefill, attn_decode, moe_ffn} and the median time `ms`
of `--reps` CUDA-event-timed runs after warm-up.

    python tools/collect_kernels.py --out my-gpu.jsonl [--quick]

Then register it for a GPU whose `calibration` key matches (the scenario's GPU
`calibration "my-gpu"`), or from TypeScript:
    registerKernelTable('my-gpu', gpuSpec, parseKernelRows(text))
Needs PyTorch with CUDA; fp8 rows need torch._scaled_mm (Hopper or newer).
"""
import argparse
import json
import statistics

import torch
import torch.nn.functional as F


def timed(fn, reps):
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        torch.cuda.synchronize()
        times.append(start.elapsed_time(end))
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--quick", action="store_true", help="fewer shapes (a couple of minutes)")
    args = ap.parse_args()
    dev = torch.device("cuda")
    props = torch.cuda.get_device_properties(dev)
    out = open(args.out, "w")

    def emit(row):
        out.write(json.dumps(row) + "\n")
        out.flush()

    emit({"kind": "env", "name": props.name, "sms": props.multi_processor_count,
          "mem_gib": props.total_memory / 2**30, "torch": torch.__version__, "cuda": torch.version.cuda})

    # HBM copies: achievable bandwidth
    for size in [2**21, 2**23, 2**25, 2**27, 2**29, 2**31]:
        a = torch.empty(size // 2, dtype=torch.uint8, device=dev)
        b = torch.empty_like(a)
        ms = timed(lambda: b.copy_(a), args.reps)
        emit({"kind": "copy", "bytes": size, "ms": ms, "gbps": size / ms / 1e6})
        del a, b

    # GEMMs: [M,K] x [K,N] over real layer shapes
    shapes = [(4096, 4096), (6144, 4096), (28672, 4096), (4096, 14336), (8192, 8192), (10240, 8192),
              (57344, 8192), (8192, 28672), (4096, 7168), (7168, 2048), (24576, 1536), (32768, 512)]
    ms_list = [1, 16, 64, 256, 1024, 4096, 16384] if args.quick else [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]
    has_fp8 = hasattr(torch, "_scaled_mm") and props.major >= 9
    for (n, k) in (shapes[:6] if args.quick else shapes):
        w = torch.randn(k, n, device=dev, dtype=torch.bfloat16)
        for m in ms_list:
            x = torch.randn(m, k, device=dev, dtype=torch.bfloat16)
            ms = timed(lambda: torch.mm(x, w), args.reps)
            emit({"kind": "gemm", "dtype": "bf16", "M": m, "N": n, "K": k, "ms": ms, "tflops": 2 * m * n * k / ms / 1e9})
            if has_fp8:
                x8 = x.to(torch.float8_e4m3fn)
                w8 = w.t().contiguous().to(torch.float8_e4m3fn).t()
                one = torch.ones((), device=dev)
                try:
                    ms = timed(lambda: torch._scaled_mm(x8, w8, scale_a=one, scale_b=one, out_dtype=torch.bfloat16), args.reps)
                    emit({"kind": "gemm", "dtype": "fp8", "M": m, "N": n, "K": k, "ms": ms, "tflops": 2 * m * n * k / ms / 1e9})
                except RuntimeError:
                    has_fp8 = False
            del x
        del w

    # Attention prefill (causal) and decode (one query against a KV cache)
    for (h, kv) in [(32, 8), (64, 8), (128, 128)]:
        for (b, s) in [(1, 512), (32, 512), (1, 2048), (8, 2048), (1, 8192), (2, 8192)]:
            q = torch.randn(b, h, s, 128, device=dev, dtype=torch.bfloat16)
            kk = torch.randn(b, kv, s, 128, device=dev, dtype=torch.bfloat16)
            vv = torch.randn_like(kk)
            ms = timed(lambda: F.scaled_dot_product_attention(q, kk, vv, is_causal=True, enable_gqa=(h != kv)), args.reps)
            emit({"kind": "attn_prefill", "B": b, "H": h, "KV": kv, "D": 128, "S": s, "ms": ms,
                  "tflops": 2 * b * h * s * s * 128 / ms / 1e9})
            del q, kk, vv
    for (h, kv) in [(32, 8), (64, 8)]:
        for b in [1, 8, 32, 128]:
            for c in [512, 2048, 8192, 32768]:
                if b * c * kv * 128 * 4 > props.total_memory * 0.5:
                    continue
                # GQA group folded into the query length, as in the shipped table
                q = torch.randn(b, kv, h // kv, 128, device=dev, dtype=torch.bfloat16)
                kk = torch.randn(b, kv, c, 128, device=dev, dtype=torch.bfloat16)
                vv = torch.randn_like(kk)
                ms = timed(lambda: F.scaled_dot_product_attention(q, kk, vv), args.reps)
                emit({"kind": "attn_decode", "B": b, "H": h, "KV": kv, "D": 128, "C": c, "ms": ms,
                      "gbps": b * c * kv * 128 * 2 * 2 / ms / 1e6})
                del q, kk, vv

    # Routed-expert FFN with grouped GEMM, tokens spread evenly over top-k experts
    if hasattr(torch, "_grouped_mm"):
        for (name, e, topk, hidden, inter) in [("mixtral-8x7b", 8, 2, 4096, 14336), ("deepseek-v3", 256, 8, 7168, 2048)]:
            wg = torch.randn(e, hidden, 2 * inter, device=dev, dtype=torch.bfloat16)
            wd = torch.randn(e, inter, hidden, device=dev, dtype=torch.bfloat16)
            for t in [1, 8, 32, 128, 512, 2048, 8192]:
                routes = t * topk
                used = min(e, routes)
                per = [routes // used + (1 if i < routes % used else 0) for i in range(used)] + [0] * (e - used)
                offs = torch.tensor(per, device=dev, dtype=torch.int32).cumsum(0).to(torch.int32)
                x = torch.randn(routes, hidden, device=dev, dtype=torch.bfloat16)

                def ffn():
                    gu = torch._grouped_mm(x, wg, offs=offs)
                    g, u = gu.chunk(2, dim=-1)
                    return torch._grouped_mm(F.silu(g) * u, wd, offs=offs)
                try:
                    ms = timed(ffn, args.reps)
                except RuntimeError:
                    break
                emit({"kind": "moe_ffn", "model": name, "E": e, "topk": topk, "hidden": hidden, "inter": inter, "T": t,
                      "mode": "grouped_mm", "ms": ms, "tflops": 2 * routes * hidden * inter * 3 / ms / 1e9})
            del wg, wd
    out.close()


if __name__ == "__main__":
    main()
