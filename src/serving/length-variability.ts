/**
 * Variability of request lengths, for the queueing model. A workload gives a
 * length as a mean and, optionally, a p90. Assume the length is lognormal
 * (the usual fit for prompt and answer lengths of chat traces) and solve for
 * its shape sigma from mean m and p90 q:
 *     ln q - ln m = z90·sigma - sigma²/2,   z90 = 1.2816 (standard normal 90th percentile)
 *     sigma = z90 - sqrt(z90² - 2 ln(q/m))        (the smaller root)
 * and the squared coefficient of variation is CV² = exp(sigma²) - 1.
 * Without a p90 the length is fixed (CV² = 0). A p90 beyond the mean by more
 * than exp(z90²/2) ≈ 2.27x has no lognormal with that mean; sigma is then
 * capped at z90 (the largest the equation allows).
 */
import type { LengthDistribution } from './types.js';

const Z90 = 1.2815515655446004;

export function lognormalSigma(mean: number, p90: number): number {
  if (!(p90 > mean) || !(mean > 0)) return 0;
  const d = Z90 * Z90 - 2 * Math.log(p90 / mean);
  return d <= 0 ? Z90 : Z90 - Math.sqrt(d);
}

/** Squared coefficient of variation of a length distribution. */
export function lengthCv2(length: LengthDistribution): number {
  if (length.p90 === undefined) return 0;
  const sigma = lognormalSigma(length.mean, length.p90);
  return Math.expm1(sigma * sigma);
}
