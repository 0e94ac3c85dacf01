/**
 * Headless-Chromium harness for the results panel: bundles webview/main.ts
 * with esbuild, serves it and panelHtml(...) from a fake https origin (so
 * the CSP is exercised as in VS Code, where cspSource is an https origin),
 * stands in for acquireVsCodeApi, records CSP violations and console errors,
 * and sets VS Code's theme variables and body class the way the workbench does.
 */
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { panelHtml } from '../../webview/html.js';
import type { HostToWebviewMessage, ResultsParams } from '../../src/protocol.js';
import type { EstimateReport } from '../../src/serving/report.js';
import { bodyClassOf, type ThemeKind } from '../../webview/theme.js';
// @ts-expect-error -- plain ESM build helper without types
import { rawPlugin } from '../../scripts/esbuild-raw.mjs';

export const ORIGIN = 'https://servescope.test';
export const CHROMIUM = '/usr/bin/chromium';

let bundle: Promise<string> | undefined;

/** The webview bundle as esbuild builds it for out/webview.js (minified, as packaged). */
export function webviewBundle(): Promise<string> {
  bundle ??= esbuild.build({
    entryPoints: ['webview/main.ts'], bundle: true, platform: 'browser', target: 'es2022', format: 'iife',
    minify: true, write: false, plugins: [rawPlugin], logLevel: 'warning',
  }).then((r) => r.outputFiles[0]!.text);
  return bundle;
}

/** A subset of VS Code's default theme variables (Light+, Dark+, High Contrast, High Contrast Light). */
const THEME_VARS: Record<ThemeKind, Record<string, string>> = {
  light: {
    'editor-foreground': '#3b3b3b', 'editor-background': '#ffffff', 'descriptionForeground': '#717171',
    'panel-border': '#e5e5e5', 'focusBorder': '#005fb8', 'textLink-foreground': '#005fb8',
    'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b',
    'charts-foreground': '#616161', 'charts-lines': 'rgba(97,97,97,0.5)', 'charts-red': '#e51400',
    'charts-blue': '#1a85ff', 'charts-yellow': '#bf8803', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-purple': '#652d90',
    'errorForeground': '#f85149', 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace',
  },
  dark: {
    'editor-foreground': '#cccccc', 'editor-background': '#1f1f1f', 'descriptionForeground': '#9d9d9d',
    'panel-border': '#2b2b2b', 'focusBorder': '#0078d4', 'textLink-foreground': '#4daafc',
    'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc',
    'charts-foreground': '#cccccc', 'charts-lines': 'rgba(204,204,204,0.5)', 'charts-red': '#f14c4c',
    'charts-blue': '#3794ff', 'charts-yellow': '#cca700', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
    'errorForeground': '#f85149', 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace',
  },
  'high-contrast': {
    'editor-foreground': '#ffffff', 'editor-background': '#000000', 'descriptionForeground': '#ffffff',
    'panel-border': '#6fc3df', 'focusBorder': '#f38518', 'contrastBorder': '#6fc3df', 'textLink-foreground': '#21a6ff',
    'charts-foreground': '#ffffff', 'charts-lines': 'rgba(255,255,255,0.5)', 'charts-red': '#f48771',
    'charts-blue': '#3794ff', 'charts-yellow': '#ffd700', 'charts-orange': '#ff9e3b', 'charts-green': '#89d185', 'charts-purple': '#d7a6ff',
    'errorForeground': '#f48771', 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace',
  },
  'high-contrast-light': {
    'editor-foreground': '#292929', 'editor-background': '#ffffff', 'descriptionForeground': '#292929',
    'panel-border': '#0f4a85', 'focusBorder': '#006bbd', 'contrastBorder': '#0f4a85', 'textLink-foreground': '#0f4a85',
    'charts-foreground': '#292929', 'charts-lines': 'rgba(41,41,41,0.5)', 'charts-red': '#b5200d',
    'charts-blue': '#0f4a85', 'charts-yellow': '#7a6400', 'charts-orange': '#8f4e00', 'charts-green': '#374e06', 'charts-purple': '#5e2a88',
    'errorForeground': '#b5200d', 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace',
  },
};

/** Runs in the page before its scripts: the VS Code API stand-in and the recorders. */
function initScript({ theme, savedState }: { theme: { vars: Record<string, string>; bodyClass: string }; savedState: unknown }): void {
  const w = window as unknown as Record<string, unknown>;
  const hostMessages: unknown[] = [];
  const cspViolations: string[] = [];
  let state = savedState;
  w.__hostMessages = hostMessages;
  w.__cspViolations = cspViolations;
  w.__getSavedState = () => state;
  w.acquireVsCodeApi = () => ({
    postMessage: (m: unknown) => hostMessages.push(JSON.parse(JSON.stringify(m))),
    getState: () => state,
    setState: (s: unknown) => { state = JSON.parse(JSON.stringify(s)); },
  });
  document.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  const apply = (t: { vars: Record<string, string>; bodyClass: string }) => {
    const root = document.documentElement;
    if (!root) return;
    for (const [k, v] of Object.entries(t.vars)) root.style.setProperty(`--vscode-${k}`, v);
    if (document.body) document.body.className = t.bodyClass;
  };
  w.__applyTheme = apply;
  apply(theme);
  document.addEventListener('DOMContentLoaded', () => apply(theme));
}

export interface PanelPage {
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  post(message: HostToWebviewMessage): Promise<void>;
  postResults(params: ResultsParams): Promise<void>;
  /** Switch the theme as VS Code does: variables on <html>, class on <body>. */
  setTheme(kind: ThemeKind): Promise<void>;
  cspViolations(): Promise<string[]>;
  hostMessages(): Promise<{ type: string; [k: string]: unknown }[]>;
  savedState(): Promise<unknown>;
  /** Wait until the panel shows this document version. */
  waitForVersion(version: number): Promise<void>;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

export async function openPanel(browser: Browser, options: { theme?: ThemeKind; savedState?: unknown; initialState?: unknown; width?: number; height?: number } = {}): Promise<PanelPage> {
  const theme = options.theme ?? 'light';
  const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: options.height ?? 800 } });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const js = await webviewBundle();
  const html = panelHtml({
    scriptUri: `${ORIGIN}/out/webview.js`, cspSource: ORIGIN, nonce: 'dGVzdG5vbmNlMTIzNDU2Nzg5MA==',
    ...(options.initialState !== undefined ? { initialState: options.initialState } : {}),
  });
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/panel.html') return route.fulfill({ contentType: 'text/html', body: html });
    if (url.pathname === '/out/webview.js') return route.fulfill({ contentType: 'text/javascript', body: js });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.addInitScript(initScript, { theme: { vars: THEME_VARS[theme], bodyClass: bodyClassOf(theme) }, savedState: options.savedState });
  await page.goto(`${ORIGIN}/panel.html`);
  await page.waitForFunction(() => (window as unknown as { __servescope?: unknown }).__servescope !== undefined);
  const self: PanelPage = {
    page, errors,
    post: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    postResults: (params) => self.post({ type: 'results', params }),
    setTheme: (kind) => page.evaluate((t) => (window as unknown as { __applyTheme(t: unknown): void }).__applyTheme(t), { vars: THEME_VARS[kind], bodyClass: bodyClassOf(kind) }),
    cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
    hostMessages: () => page.evaluate(() => (window as unknown as { __hostMessages: { type: string }[] }).__hostMessages),
    savedState: () => page.evaluate(() => (window as unknown as { __getSavedState(): unknown }).__getSavedState()),
    waitForVersion: async (version) => { await page.waitForFunction((v) => window.__servescope?.version === v, version); },
    close: () => page.close(),
  };
  return self;
}

export function results(report: EstimateReport | null, version: number, errors: string[] = [], uri = 'file:///work/examples/deepseek-v3-strategies.serve'): ResultsParams {
  return { uri, version, report, errors, engineMs: 42 };
}
