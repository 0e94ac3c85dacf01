/**
 * How many FFN GPUs a token's activations visit in AFD. With E routed experts
 * spread evenly over N FFN GPUs (E/N each) and top-k routing with uniformly
 * spread choices, a given GPU holds none of a token's k experts with
 * probability C(E - E/N, k) / C(E, k), so it receives the token with
 * probability 1 - C(E - E/N, k) / C(E, k) (MODELING-NOTES, AFD section).
 * A token is sent once per GPU however many of its experts live there.
 */

/** Probability that one of `gpus` FFN GPUs receives a given token. */
export function tokenHitProbability(experts: number, active: number, gpus: number): number {
  if (gpus <= 1) return 1;
  const perGpu = experts / gpus;
  const k = Math.min(active, experts);
  // C(E - E/N, k) / C(E, k) = prod_{i<k} (E - E/N - i) / (E - i)
  let miss = 1;
  for (let i = 0; i < k; i++) {
    const num = experts - perGpu - i;
    if (num <= 0) { miss = 0; break; }
    miss *= num / (experts - i);
  }
  return 1 - miss;
}

/** Expected FFN GPUs one token is sent to. */
export function expectedDestinations(experts: number, active: number, gpus: number): number {
  return gpus * tokenHitProbability(experts, active, gpus);
}
