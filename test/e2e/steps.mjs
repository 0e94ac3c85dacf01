// Scenario steps as data and pure functions, shared by the real-VS-Code suite
// (test/e2e, which drives the workbench's DOM) and the @vscode/test-electron
// suite (test/vscode-electron, which uses the VS Code API): the same example,
// the same edits, the same expectations.

/** The example scenario 1-5 open (examples/). */
export const EXAMPLE = 'deepseek-v3-strategies.serve';

/** DeepSeek-V3's attention heads (config.json num_attention_heads = 128). */
export const DEEPSEEK_V3_HEADS = 128;

/** A TP degree that does not divide 128 heads: the edit of scenario 2. */
export const BAD_TP = 3;

/** What the estimates on a deployment must mention (scenario 1). */
export const ESTIMATE_PATTERNS = {
  ttft: /TTFT/,
  tpot: /TPOT/,
  tokensPerGpu: /tok(?:ens)?\/s\/GPU/i,
};

/** The palette commands the extension contributes (package.json titles). */
export const COMMAND_TITLES = [
  'servescope: Show Results',
  'servescope: Explore',
  'servescope: Export Results as JSON',
  'servescope: Export Results as CSV',
];

/** A library GPU hovered in scenario 4 and figures its datasheet hover must show (H100 SXM: 989 dense BF16 TFLOPS, 3.35 TB/s HBM3). */
export const HOVER_GPU = { name: /\bH100\w*\b/, figures: [/989/, /3\.35/] };

/** 1-based line and column of each match of `re` (global) in `text`, with the match. */
export function locate(text, re) {
  const out = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const m of line.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))) {
      out.push({ line: i + 1, column: m.index + 1, match: m, text: line });
    }
  });
  return out;
}

/**
 * The `tp N` field of the first pool in a deployment: where to type BAD_TP.
 * Returns the 1-based line/column of N and its length.
 */
export function tpField(text) {
  const hit = locate(text, /\btp\s+(\d+)/).find((h) => !/^\s*\/\//.test(h.text));
  if (!hit) throw new Error('the example has no `tp N` field');
  const value = hit.match[1];
  return { line: hit.line, column: hit.column + hit.match[0].length - value.length, length: value.length, value: Number(value) };
}

/** True when a TP degree splits the heads evenly (what the quick fix must restore). */
export function tpDividesHeads(tp, heads = DEEPSEEK_V3_HEADS) {
  return Number.isInteger(tp) && tp > 0 && heads % tp === 0;
}

/**
 * The first TPOT objective of an `slo` line: scenario 3 tightens it to 1 ms,
 * which no deployment meets, so the verdict must change to infeasible.
 */
export function tpotObjective(text) {
  const hit = locate(text, /\btpot\s+(\d+(?:\.\d+)?)/).find((h) => /\bslo\b/.test(h.text) && !/^\s*\/\//.test(h.text));
  if (!hit) throw new Error('the example has no `slo ... tpot N ms` objective');
  const value = hit.match[1];
  return { line: hit.line, column: hit.column + hit.match[0].length - value.length, length: value.length, value: Number(value) };
}
export const IMPOSSIBLE_TPOT_MS = 1;

/** The names of the deployment blocks (each gets estimates). */
export function deploymentNames(text) {
  return locate(text, /^\s*deployment\s+(\w+)/).map((h) => h.match[1]);
}
