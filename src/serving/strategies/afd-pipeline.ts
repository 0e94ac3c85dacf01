/**
 * The attention-FFN ping-pong pipeline of one AFD decode step
 * (MegaScale-Infer, arXiv 2504.02263; Step-3, arXiv 2507.19427).
 *
 * Per layer, each of k micro-batches goes through four stages: attention on
 * the attention GPUs (t_a), activations to the FFN GPUs (t_a2f), experts on
 * the FFN GPUs (t_f), results back (t_f2a). The attention GPUs and the FFN
 * GPUs each serve one micro-batch at a time; the two transfer directions use
 * the two directions of full-duplex links, so they are resources of their
 * own. Let R = t_a + t_a2f + t_f + t_f2a (one micro-batch's round trip per
 * layer) and S = the slowest stage. Over L layers the k micro-batches cycle
 * through a closed loop of four single-server stages:
 *  - enough micro-batches (k·S >= R): the slowest stage never idles once the
 *    first micro-batch reaches it: step = k·L·S + (R - S)
 *    (the notes' "fill, then the slowest stage for every micro-batch and layer");
 *  - too few (k·S < R): each micro-batch waits for its own round trip, the
 *    others trail it by S: step = L·R + (k - 1)·S.
 * The step is the larger of the two (they meet at k·S = R). With k = 1 it is
 * L·R: no overlap at all, never faster than running the stages in sequence.
 * Unbalanced stages show up as idle time on the faster side: the bubble.
 */

export interface AfdStageTimes {
  /** Per layer, per micro-batch, ms. */
  attentionMs: number;
  toFfnMs: number;
  ffnMs: number;
  toAttentionMs: number;
}

export interface AfdPipeline {
  stepMs: number;
  roundTripMs: number;
  slowestStageMs: number;
  slowestStage: keyof AfdStageTimes;
  /** Micro-batches needed to keep the slowest stage busy: ceil(R / S). */
  microbatchesToHide: number;
  /** Idle fraction of the step on each side (0..1). */
  attentionIdle: number;
  ffnIdle: number;
}

export function afdPipeline(stages: AfdStageTimes, layers: number, microbatches: number): AfdPipeline {
  const k = Math.max(1, Math.floor(microbatches));
  const l = Math.max(1, layers);
  const roundTripMs = stages.attentionMs + stages.toFfnMs + stages.ffnMs + stages.toAttentionMs;
  let slowestStage: keyof AfdStageTimes = 'attentionMs';
  for (const key of ['toFfnMs', 'ffnMs', 'toAttentionMs'] as const) {
    if (stages[key] > stages[slowestStage]) slowestStage = key;
  }
  const s = stages[slowestStage];
  const stepMs = Math.max(k * l * s + roundTripMs - s, l * roundTripMs + (k - 1) * s);
  const busy = (t: number) => (stepMs > 0 ? (k * l * t) / stepMs : 0);
  return {
    stepMs,
    roundTripMs,
    slowestStageMs: s,
    slowestStage,
    microbatchesToHide: s > 0 ? Math.ceil(roundTripMs / s - 1e-9) : 1,
    attentionIdle: 1 - busy(stages.attentionMs),
    ffnIdle: 1 - busy(stages.ffnMs),
  };
}

/** The same stages run strictly one after another for the whole batch, layer by layer. */
export function afdNoOverlapStepMs(stages: AfdStageTimes, layers: number): number {
  return Math.max(1, layers) * (stages.attentionMs + stages.toFfnMs + stages.ffnMs + stages.toAttentionMs);
}
