/**
 * Small DOM helpers. Elements are built with properties, never with
 * `innerHTML` or style attributes: the page's CSP forbids inline style
 * attributes, and report strings (names, snippets) must stay text.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string | boolean | number>> = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (k === 'className') e.className = String(v);
    else if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}

/** Replace an element's children. */
export function setChildren(parent: Element, ...children: (Node | string)[]): void {
  parent.replaceChildren(...children);
}

/** A canvas inside a sized box (chart.js sizes the canvas to its parent). */
export function chartBox(id: string, label: string, size: '' | 'tall' | 'short' = ''): { box: HTMLDivElement; canvas: HTMLCanvasElement } {
  const canvas = el('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': label });
  const box = el('div', { className: `chart ${size}`.trim() }, canvas);
  return { box, canvas };
}
