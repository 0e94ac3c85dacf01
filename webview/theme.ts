/**
 * Chart colours from the VS Code theme. VS Code sets `--vscode-*` CSS
 * variables on the webview's <html> and a class on <body>
 * (vscode-light / vscode-dark / vscode-high-contrast [/ -light]); canvases
 * cannot use CSS variables, so they are resolved here to concrete colours
 * and re-resolved when the theme changes. Fallbacks make the panel usable in
 * a plain browser (tests) where the variables are absent.
 */
import type { OpCategory } from '../src/engine/types.js';
import type { StrategyKind } from '../src/serving/types.js';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface Palette {
  kind: ThemeKind;
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  slo: string;
  feasibleRegion: string;
  good: string;
  bad: string;
  /** Border drawn around bars and points in high-contrast themes ('' otherwise). */
  contrastBorder: string;
  strategy: Record<StrategyKind, string>;
  category: Record<OpCategory, string>;
  memory: { weights: string; kvCache: string; activations: string; free: string; over: string };
}

export function themeKindOf(body: { classList: DOMTokenList }): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-dark')) return 'dark';
  if (c.contains('vscode-light')) return 'light';
  return matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Body class for a theme kind, as VS Code sets it. */
export function bodyClassOf(kind: ThemeKind): string {
  return kind === 'high-contrast-light' ? 'vscode-high-contrast-light vscode-high-contrast' : `vscode-${kind}`;
}

interface Fallback { fg: string; muted: string; bg: string; grid: string; red: string; blue: string; yellow: string; orange: string; green: string; purple: string }

// Defaults of VS Code's built-in themes (Light+, Dark+, High Contrast) for the same variables.
const FALLBACK: Readonly<Record<ThemeKind, Fallback>> = {
  light: { fg: '#3b3b3b', muted: '#717171', bg: '#ffffff', grid: 'rgba(0,0,0,0.12)', red: '#e51400', blue: '#1a85ff', yellow: '#bf8803', orange: '#d18616', green: '#388a34', purple: '#652d90' },
  dark: { fg: '#cccccc', muted: '#9d9d9d', bg: '#1f1f1f', grid: 'rgba(255,255,255,0.14)', red: '#f14c4c', blue: '#3794ff', yellow: '#cca700', orange: '#d18616', green: '#89d185', purple: '#b180d7' },
  'high-contrast': { fg: '#ffffff', muted: '#ffffff', bg: '#000000', grid: 'rgba(255,255,255,0.5)', red: '#f48771', blue: '#3794ff', yellow: '#ffd700', orange: '#ff9e3b', green: '#89d185', purple: '#d7a6ff' },
  'high-contrast-light': { fg: '#292929', muted: '#292929', bg: '#ffffff', grid: 'rgba(0,0,0,0.5)', red: '#b5200d', blue: '#0f4a85', yellow: '#7a6400', orange: '#8f4e00', green: '#374e06', purple: '#5e2a88' },
};

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

/** `#rrggbb` or `rgb()` to `rgba(..., alpha)`; other forms come back unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
  }
  const rgb = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(color.replace(/\s/g, ''));
  return rgb ? `rgba(${rgb[1]},${rgb[2]},${rgb[3]},${alpha})` : color;
}

export function readPalette(doc: Document = document): Palette {
  const kind = themeKindOf(doc.body);
  const f = FALLBACK[kind];
  const style = getComputedStyle(doc.documentElement);
  const v = (name: string, fb: string) => cssVar(style, `--vscode-${name}`, fb);
  const fg = v('editor-foreground', f.fg);
  const red = v('charts-red', f.red), blue = v('charts-blue', f.blue), yellow = v('charts-yellow', f.yellow);
  const orange = v('charts-orange', f.orange), green = v('charts-green', f.green), purple = v('charts-purple', f.purple);
  const hc = kind === 'high-contrast' || kind === 'high-contrast-light';
  const lightish = kind === 'light' || kind === 'high-contrast-light';
  const teal = lightish ? '#00807a' : '#4ec9b0';
  // A sixth hue beside VS Code's chart colours, so TP and EP traffic do not share orange-yellow.
  const pink = lightish ? '#c2185b' : '#f06292';
  const grey = v('descriptionForeground', f.muted);
  return {
    kind,
    foreground: v('charts-foreground', fg),
    muted: grey,
    grid: v('charts-lines', f.grid),
    background: v('editor-background', f.bg),
    slo: red,
    feasibleRegion: withAlpha(green, hc ? 0.22 : 0.12),
    good: green,
    bad: red,
    contrastBorder: hc ? v('contrastBorder', fg) : '',
    strategy: { aggregated: blue, disaggregated: orange, afd: purple },
    category: {
      attention: blue,
      dense_ffn: teal,
      experts: green,
      elementwise: withAlpha(grey, 0.7),
      embedding: withAlpha(teal, 0.55),
      tp_comm: orange,
      ep_comm: pink,
      pp_comm: withAlpha(orange, 0.55),
      afd_transfer: purple,
      kv_transfer: withAlpha(purple, 0.55),
      bubble: withAlpha(yellow, 0.5),
    },
    memory: { weights: blue, kvCache: green, activations: orange, free: withAlpha(grey, hc ? 0.35 : 0.2), over: red },
  };
}
