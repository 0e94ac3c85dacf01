/**
 * The panel's stylesheet, inlined by panelHtml under the CSP nonce. A TS
 * string rather than a .css?raw import: vitest empties CSS imports (raw too)
 * unless its css option is on, and this keeps the bundle, tsc and tests alike.
 * Colours come from VS Code's theme variables; fallbacks keep the page
 * readable in a plain browser.
 */
export const panelCss = `
:root {
  --fg: var(--vscode-editor-foreground, #3b3b3b);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #717171);
  --border: var(--vscode-panel-border, var(--vscode-widget-border, rgba(128,128,128,0.35)));
  --focus: var(--vscode-focusBorder, #0078d4);
  --accent: var(--vscode-textLink-foreground, #0078d4);
  --button-bg: var(--vscode-button-secondaryBackground, rgba(128,128,128,0.18));
  --button-fg: var(--vscode-button-secondaryForeground, var(--fg));
  --button-hover: var(--vscode-button-secondaryHoverBackground, rgba(128,128,128,0.3));
  --error: var(--vscode-errorForeground, #e51400);
  --error-bg: var(--vscode-inputValidation-errorBackground, rgba(229,20,0,0.1));
  --good: var(--vscode-charts-green, #388a34);
  --bad: var(--vscode-charts-red, #e51400);
  --warn: var(--vscode-charts-orange, #d18616);
  --bar: var(--vscode-charts-blue, #1a85ff);
  --code-bg: var(--vscode-textCodeBlock-background, rgba(128,128,128,0.12));
  --hc-border: var(--vscode-contrastBorder, transparent);
  --font: var(--vscode-font-family, system-ui, sans-serif);
  --mono: var(--vscode-editor-font-family, ui-monospace, monospace);
  --size: var(--vscode-font-size, 13px);
}
body { margin: 0; padding: 0 16px 24px; color: var(--fg); background: var(--bg); font-family: var(--font); font-size: var(--size); }
.bar { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; padding: 10px 0 6px; }
h1 { font-size: 1.15em; margin: 0; font-weight: 600; }
h2 { font-size: 1.02em; margin: 14px 0 6px; font-weight: 600; }
.muted { color: var(--muted); }
#diagnostics { border: 1px solid var(--error); background: var(--error-bg); color: var(--fg); padding: 6px 10px; margin: 6px 0; border-radius: 2px; }
#diagnostics ul { margin: 4px 0 0; padding-left: 18px; font-family: var(--mono); }
#tabs { display: flex; gap: 2px; border-bottom: 1px solid var(--border); margin: 6px 0 8px; flex-wrap: wrap; }
button { font: inherit; color: var(--button-fg); background: var(--button-bg); border: 1px solid var(--hc-border); border-radius: 2px; padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--button-hover); }
button:focus-visible, select:focus-visible, a:focus-visible, [tabindex]:focus-visible { outline: 1px solid var(--focus); outline-offset: 1px; }
#tabs button { background: transparent; border: 0; border-bottom: 2px solid transparent; border-radius: 0; padding: 5px 12px; color: var(--muted); }
#tabs button[aria-selected="true"] { color: var(--fg); border-bottom-color: var(--focus); }
body.vscode-high-contrast #tabs button[aria-selected="true"] { outline: 1px dashed var(--hc-border); }
select { font: inherit; color: var(--vscode-dropdown-foreground, var(--fg)); background: var(--vscode-dropdown-background, var(--bg)); border: 1px solid var(--vscode-dropdown-border, var(--border)); padding: 2px 4px; }
.toolbar { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin: 4px 0 8px; }
.toolbar label { display: inline-flex; gap: 6px; align-items: center; }
#views.stale .view { opacity: 0.45; filter: grayscale(0.6); transition: opacity 0.2s; }
.view[hidden] { display: none; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; }
.charts.four { grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); }
.chart { position: relative; height: 280px; min-width: 0; }
.chart.tall { height: 380px; }
.chart.short { height: 200px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--border); vertical-align: middle; }
td.num, th.num { text-align: right; white-space: nowrap; }
th { font-weight: 600; white-space: nowrap; }
th button { background: transparent; border: 0; padding: 0; color: var(--fg); font-weight: 600; }
th button .arrow { color: var(--muted); margin-left: 3px; }
td.name button { background: transparent; border: 0; padding: 0; color: var(--accent); text-decoration: underline; }
.meter { position: relative; height: 10px; min-width: 110px; background: var(--code-bg); border: 1px solid var(--hc-border); }
.meter .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--bar); }
.meter .fill.over { background: var(--bad); }
.meter .slo { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--bad); }
.cellbar { display: grid; grid-template-columns: 62px 1fr; gap: 6px; align-items: center; white-space: nowrap; }
.verdict { font-weight: 600; white-space: nowrap; }
.verdict.meets { color: var(--good); }
.verdict.misses { color: var(--bad); }
.verdict.does-not-fit { color: var(--warn); }
.verdict.not-evaluated { color: var(--muted); font-style: italic; }
.detail { color: var(--muted); font-size: 0.9em; max-width: 46ch; }
pre.snippet { font-family: var(--mono); background: var(--code-bg); padding: 8px 10px; overflow-x: auto; margin: 6px 0; border: 1px solid var(--hc-border); }
.snippet-box[hidden] { display: none; }
.table-scroll { max-height: 360px; overflow: auto; border: 1px solid var(--border); }
.table-scroll th { position: sticky; top: 0; background: var(--bg); }
.empty { color: var(--muted); padding: 20px 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
