/**
 * The results panel's HTML. Pure (no vscode import): the VS Code client
 * passes the webview's script URI, its `cspSource` and a fresh nonce; tests
 * call it the same way with a local origin. Everything the page runs or
 * styles is either the bundled script (allowed by nonce) or the inline style
 * block from style.ts (allowed by the same nonce); nothing remote is loaded.
 */
import { panelCss as css } from './style.js';

export interface PanelHtmlOptions {
  /** URI of out/webview.js as the webview can load it (asWebviewUri). */
  scriptUri: string;
  /** An extra stylesheet URI, if the host wants one on top of the inline styles. */
  styleUri?: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random token per render: base64/alphanumerics only. */
  nonce: string;
  /** Given to the page before the first message arrives (e.g. the last results), as JSON. */
  initialState?: unknown;
}

import { INITIAL_STATE_ID } from './view.js';

export { INITIAL_STATE_ID };

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** JSON that is safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function panelHtml(options: PanelHtmlOptions): string {
  const { scriptUri, styleUri, cspSource, nonce, initialState } = options;
  if (!/^[A-Za-z0-9+/=_-]+$/.test(nonce)) throw new Error('panelHtml: the nonce must be base64 or alphanumeric');
  const n = escapeAttribute(nonce);
  const state = initialState === undefined ? ''
    : `\n  <script type="application/json" id="${INITIAL_STATE_ID}" nonce="${n}">${scriptSafeJson(initialState)}</script>`;
  const link = styleUri ? `\n  <link rel="stylesheet" href="${escapeAttribute(styleUri)}">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>servescope results</title>
  <style nonce="${n}">${css}</style>${link}
</head>
<body>
  <header class="bar">
    <h1 id="title">servescope</h1>
    <span id="status" class="muted" aria-live="polite">Waiting for results…</span>
  </header>
  <div id="diagnostics" role="alert" hidden></div>
  <nav id="tabs" role="tablist" aria-label="Views"></nav>
  <main id="views"></main>${state}
  <script nonce="${n}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>
`;
}
