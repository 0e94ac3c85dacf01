// Scenario steps as data and pure functions, shared by the real-VS-Code suite
// (test/e2e, which drives the workbench's DOM) and the @vscode/test-electron
// suite (test/vscode-electron, which uses the VS Code API): the same example,
// the same edits, the same expectations.

/** The example scenario 1-5 open (examples/). */
export const EXAMPLE = 'deepseek-v3-strategies.serve';

/** DeepSeek-V3's attention heads (config.json num_attention_heads = 128). */
export const DEEPSEEK_V3_HEADS = 128;

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
export const HOVER_GPU = { name: /\bH100_\w+/, figures: [/989/, /3\.35/] };

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
 * The TP typed in scenario 2: one below the current degree (7 for 8), which
 * divides no power-of-two head count, so that the nearest divisor the quick
 * fix offers first is the original value.
 */
export function badTpFor(tp, heads = DEEPSEEK_V3_HEADS) {
  return heads % (tp - 1) !== 0 ? tp - 1 : tp + 1;
}

/**
 * The first `tp N` field with N >= 4 (a real tensor-parallel group).
 * Returns the 1-based line/column of N and its length.
 */
export function tpField(text) {
  const hit = locate(text, /\btp\s+(\d+)/).find((h) => !/^\s*\/\//.test(h.text) && Number(h.match[1]) >= 4);
  if (!hit) throw new Error('the example has no `tp N` field with N >= 4');
  const value = hit.match[1];
  return { line: hit.line, column: hit.column + hit.match[0].length - value.length, length: value.length, value: Number(value) };
}

/**
 * Scenario 2's edit, on the first pool written `{ gpus N tp M ... }` with
 * M >= 4: its fields become `tp 7` (and its attention_dp, if any). Any other
 * field left as it was would break another rule first (gpus = tp x
 * attention_dp x pp, ep divides a stage) and hide the heads error; with the
 * GPU count derived, the one error is the TP that does not divide the heads,
 * at the TP. The preferred quick fix (tp 8) makes the document valid again.
 * Returns the 1-based range to select and the text to type over it.
 */
export function tpEdit(text) {
  const hit = locate(text, /\{\s*(gpus\s+\d+\s+tp\s+(\d+)[^}]*?)\s*\}/).find((h) => !/^\s*\/\//.test(h.text) && Number(h.match[2]) >= 4);
  if (!hit) throw new Error('the example has no `{ gpus N tp M ... }` pool with M >= 4');
  const tp = Number(hit.match[2]);
  const fields = hit.match[1];
  const dp = /\battention_dp\s+\d+/.exec(fields)?.[0];
  const column = hit.column + hit.match[0].indexOf(fields);
  return { line: hit.line, column, length: fields.length, replacement: `tp ${badTpFor(tp)}${dp ? ` ${dp}` : ''}`, tp, badTp: badTpFor(tp) };
}

/** The TP degree on a line (after the edit and the quick fix). */
export function tpOnLine(text, line) {
  const m = /\btp\s+(\d+)/.exec(text.split('\n')[line - 1] ?? '');
  return m ? Number(m[1]) : undefined;
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
