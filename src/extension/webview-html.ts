/**
 * The results panel's HTML. The real page (chart.js, tables) is the webview's
 * `panelHtml` (webview/html.ts); until that lands this minimal page keeps the
 * same contract so that the client, its commands and the e2e harness work.
 */
export interface PanelHtmlOptions {
  scriptUri: string;
  styleUri?: string;
  cspSource: string;
  nonce: string;
  initialState?: unknown;
}

export function panelHtml(o: PanelHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${o.cspSource} data:; style-src ${o.cspSource} 'unsafe-inline'; script-src 'nonce-${o.nonce}';">
<title>servescope results</title></head>
<body><main id="app">waiting for results</main>
<script nonce="${o.nonce}">
const vscode = acquireVsCodeApi();
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'results') {
    const r = e.data.params.report;
    document.getElementById('app').textContent = r
      ? r.deployments.map((d) => d.name + ': ' + (d.feasible ? 'feasible' : 'infeasible')).join('\\n')
      : e.data.params.errors.join('\\n');
  }
});
vscode.postMessage({ type: 'ready' });
</script></body></html>`;
}
