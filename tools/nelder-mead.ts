/** Nelder-Mead simplex minimiser (Nelder & Mead 1965; standard coefficients 1, 2, 0.5, 0.5), with restarts. */
export function nelderMead(f: (x: number[]) => number, x0: number[], opts: { step?: number; iterations?: number; restarts?: number } = {}): { x: number[]; value: number } {
  let best = x0.slice();
  let bestValue = f(best);
  const restarts = opts.restarts ?? 3;
  for (let r = 0; r < restarts; r++) {
    const res = run(f, best, opts.step ?? 0.3, opts.iterations ?? 2000);
    if (res.value <= bestValue) { best = res.x; bestValue = res.value; }
  }
  return { x: best, value: bestValue };
}

function run(f: (x: number[]) => number, x0: number[], step: number, iterations: number): { x: number[]; value: number } {
  const n = x0.length;
  let simplex = [x0.slice()];
  for (let i = 0; i < n; i++) { const x = x0.slice(); x[i] += step; simplex.push(x); }
  let values = simplex.map(f);
  for (let it = 0; it < iterations; it++) {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[n] - values[0]) < 1e-10) break;
    const centroid = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const at = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const xr = at(-1); const fr = f(xr);
    if (fr < values[0]) {
      const xe = at(-2); const fe = f(xe);
      if (fe < fr) { simplex[n] = xe; values[n] = fe; } else { simplex[n] = xr; values[n] = fr; }
    } else if (fr < values[n - 1]) {
      simplex[n] = xr; values[n] = fr;
    } else {
      const xc = at(0.5); const fc = f(xc);
      if (fc < values[n]) { simplex[n] = xc; values[n] = fc; } else {
        for (let i = 1; i <= n; i++) { simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j])); values[i] = f(simplex[i]); }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[bi]) bi = i;
  return { x: simplex[bi], value: values[bi] };
}
