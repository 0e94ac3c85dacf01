/**
 * Options of `servescope export-astra` and `servescope astra`, parsed without
 * a library: `FILE --deployment NAME --phase decode|prefill [--batch B]
 * [--context C] [--roofline] [--prefix P] [--out DIR] [--astra-sim PATH] [--json]`.
 */
export interface AstraCliOptions {
  file: string;
  deployment?: string;
  phase: 'decode' | 'prefill';
  batch?: number;
  context?: number;
  roofline: boolean;
  prefix: string;
  out?: string;
  astraSim?: string;
  json: boolean;
}

const VALUE_FLAGS = new Set(['--deployment', '--phase', '--batch', '--context', '--prefix', '--out', '--astra-sim']);
const BOOL_FLAGS = new Set(['--roofline', '--json']);

export function parseAstraCliOptions(args: string[]): AstraCliOptions | { error: string } {
  const values = new Map<string, string>();
  const bools = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) return { error: `${flag} needs a value` };
      values.set(flag, value);
    } else if (BOOL_FLAGS.has(arg)) {
      bools.add(arg);
    } else if (arg.startsWith('--')) {
      return { error: `unknown option ${arg}` };
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) return { error: positional.length === 0 ? 'missing FILE' : `expected one FILE, got ${positional.join(' ')}` };
  const phase = values.get('--phase') ?? 'decode';
  if (phase !== 'decode' && phase !== 'prefill') return { error: `--phase must be decode or prefill, got ${phase}` };
  const int = (flag: string): number | undefined | { error: string } => {
    const v = values.get(flag);
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 ? n : { error: `${flag} must be a positive integer, got ${v}` };
  };
  const batch = int('--batch');
  const context = int('--context');
  if (typeof batch === 'object') return batch;
  if (typeof context === 'object') return context;
  const prefix = values.get('--prefix') ?? 'servescope';
  if (!/^[A-Za-z0-9_.-]+$/.test(prefix)) return { error: `--prefix must be a plain file name, got ${prefix}` };
  return {
    file: positional[0]!,
    deployment: values.get('--deployment'),
    phase,
    batch,
    context,
    roofline: bools.has('--roofline'),
    prefix,
    out: values.get('--out'),
    astraSim: values.get('--astra-sim'),
    json: bools.has('--json'),
  };
}
