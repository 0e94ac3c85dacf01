/**
 * Query-key pairs of causal attention per sequence and head. Query i (1-based
 * position) sees min(i, limit) keys: limit = the sliding window, the DSA top-k,
 * or unlimited. With S(x) = sum_{i=1..x} min(i, L) = x(x+1)/2 for x <= L, else
 * L(L+1)/2 + (x - L) L, new tokens n after p cached ones give S(p + n) - S(p):
 * plain causal prefill n(n+1)/2 (~half the square), prefix-cached n p + n(n+1)/2,
 * decode (n = 1) p + 1.
 */
function prefixPairs(x: number, limit: number): number {
  if (x <= limit) return (x * (x + 1)) / 2;
  return (limit * (limit + 1)) / 2 + (x - limit) * limit;
}

export function attentionPairs(newTokens: number, pastTokens: number, limit = Infinity): number {
  return prefixPairs(pastTokens + newTokens, limit) - prefixPairs(pastTokens, limit);
}

/** Keys the last query sees (what a decode step reads per sequence). */
export function keysSeen(newTokens: number, pastTokens: number, limit = Infinity): number {
  return Math.min(pastTokens + newTokens, limit);
}
