/**
 * Entry of the webview bundle (out/webview.js). Wires the panel to the
 * host: VS Code's acquireVsCodeApi() when present, an in-page stand-in
 * otherwise (a plain browser, the tests), the message listener, the theme
 * observer, and `window.__servescope` for test introspection.
 */
import type { HostToWebviewMessage, WebviewToHostMessage } from '../src/protocol.js';
import { INITIAL_STATE_ID } from './view.js';
import { Panel, type HostApi, type Introspection } from './panel.js';

declare global {
  interface Window {
    __servescope?: Introspection & { panel: Panel; posted: WebviewToHostMessage[] };
  }
  function acquireVsCodeApi(): HostApi;
}

function hostApi(): { api: HostApi; posted: WebviewToHostMessage[] } {
  const posted: WebviewToHostMessage[] = [];
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return {
      api: {
        postMessage: (m) => { posted.push(m); api.postMessage(m); },
        getState: () => api.getState(),
        setState: (s) => api.setState(s),
      },
      posted,
    };
  }
  let state: unknown;
  return { api: { postMessage: (m) => posted.push(m), getState: () => state, setState: (s) => { state = s; } }, posted };
}

function initialState(api: HostApi): unknown {
  const saved = api.getState();
  if (saved) return saved;
  const script = document.getElementById(INITIAL_STATE_ID);
  if (!script?.textContent) return undefined;
  try { return JSON.parse(script.textContent); } catch { return undefined; }
}

const { api, posted } = hostApi();
const panel = new Panel(api, document, initialState(api));

window.addEventListener('message', (e: MessageEvent<HostToWebviewMessage>) => panel.onMessage(e.data));
new MutationObserver(() => panel.onThemeChange()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
// VS Code changes the --vscode-* variables on <html> with the theme.
new MutationObserver(() => panel.onThemeChange()).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

const introspection = panel.introspection();
window.__servescope = Object.assign(Object.create(introspection) as Introspection, { panel, posted });
Object.defineProperties(window.__servescope, Object.getOwnPropertyDescriptors(introspection));
api.postMessage({ type: 'ready' });
