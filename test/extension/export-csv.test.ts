import { describe, expect, it } from 'vitest';
import { csvField, reportToCsv } from '../../src/extension/export-csv.js';
import { report } from './report-fixture.js';

describe('CSV export', () => {
  it('writes a header and one row per deployment', () => {
    const lines = reportToCsv(report).split('\r\n');
    expect(lines[0]).toBe('deployment,strategy,model,cluster,workload,gpus,ttft_ms,tpot_ms,output_tokens_per_s,'
      + 'output_tokens_per_s_per_gpu,output_tokens_per_s_per_user,requests_per_s,max_arrival_rate_per_s,feasible,pools,violations');
    expect(lines).toHaveLength(4); // header, two rows, final empty after the last CRLF
    expect(lines[3]).toBe('');
    expect(lines[1]).toBe('agg,aggregated,deepseek_v3,h100x32,chat,32,412.3,38.25,64000,2000,26.1,120.5,,true,aggregated 4x8,');
  });

  it('quotes fields with commas and quotes (RFC 4180)', () => {
    const row = reportToCsv(report).split('\r\n')[2]!;
    expect(row.startsWith('pd,disaggregated,')).toBe(true);
    expect(row).toContain(',80,false,prefill 2x8 + decode 1x16,');
    expect(row.endsWith('"TPOT 63 ms > 50 ms objective: decode is memory-bound on ""attention"", batch 128"')).toBe(true);
  });

  it('leaves plain values bare and absent ones empty', () => {
    expect(csvField('tp8')).toBe('tp8');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(undefined)).toBe('');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });
});
