// Driving the VS Code workbench in Chromium as a user does: keyboard, quick
// open, the command palette, and reading what is on screen from the DOM.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws `message` (with the last value) after `timeoutMs`. */
export async function waitFor(fn, { timeoutMs = 10_000, intervalMs = 100, message = 'condition' } = {}) {
  const until = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${last !== undefined ? ` (last: ${JSON.stringify(last)?.slice(0, 300)})` : ''}`);
    await sleep(intervalMs);
  }
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, { screenshots } = {}) {
    this.page = page;
    this.screenshots = screenshots; // a folder, or undefined for none
  }

  async open(url, folder) {
    await this.page.goto(`${url}?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    // The explorer shows the folder once the workbench restored its layout.
    await this.page.waitForSelector('.explorer-folders-view, .monaco-workbench .part.sidebar', { timeout: 60_000 });
  }

  async quickInputRows() {
    return this.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
  }

  /**
   * Ctrl+P, file name, Enter; waits until its tab is active. Just after the
   * workbench loads, file search is not up yet and quick open stays empty:
   * then it closes and asks again.
   */
  async openFile(name) {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+P');
      await this.page.waitForSelector('.quick-input-widget:not(.hidden) input', { timeout: 10_000 });
      await this.page.keyboard.insertText(name);
      try {
        await waitFor(async () => (await this.quickInputRows()).some((r) => r.includes(name)), { message: `quick open to list ${name}`, timeoutMs: 8000 });
        break;
      } catch (e) {
        await this.page.keyboard.press('Escape');
        if (attempt === 4) throw e;
      }
    }
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"]`, { timeout: 15_000 });
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line >> visible=true').first().waitFor({ timeout: 15_000 });
  }

  /** Opens the command palette filtered by `title`; returns the rows shown. */
  async paletteRows(title) {
    await this.page.keyboard.press('F1');
    await this.page.waitForSelector('.quick-input-widget:not(.hidden) input', { timeout: 10_000 });
    await this.page.keyboard.insertText(title);
    await sleep(500);
    return this.quickInputRows();
  }

  async closeQuickInput() {
    await this.page.keyboard.press('Escape');
  }

  /** F1, title, Enter on the row whose label matches `title` exactly (case-insensitive). */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = await this.page.waitForSelector('.quick-input-widget:not(.hidden) input', { timeout: 10_000 });
    // One input event rather than a key per character: much faster on a loaded machine.
    await this.page.keyboard.insertText(title);
    const want = title.toLowerCase();
    await waitFor(async () => {
      const labels = await this.page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts();
      return labels.some((l) => l.trim().toLowerCase() === want);
    }, { message: `the command palette to offer "${title}"` });
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i') }) }).first();
    await row.click();
    await waitFor(async () => !(await input.isVisible()), { message: 'the palette to close', timeoutMs: 5000 }).catch(() => {});
  }

  /** The active editor's rendered lines (visible part), inlay hints and all. */
  editor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  async visibleText() {
    // Lines are absolutely positioned; order them by their top. Spaces render as NBSP.
    const lines = await this.editor().locator('.view-lines .view-line').evaluateAll((els) =>
      els.map((e) => ({ top: parseFloat(e.style.top), text: e.textContent ?? '' })).sort((a, b) => a.top - b.top).map((l) => l.text));
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  /** The CSS classes of the rendered tokens of the first visible line: [{ text, className }]. */
  async tokens(lineIndex = 0) {
    return this.editor().locator('.view-lines .view-line').nth(lineIndex).locator('span > span').evaluateAll((els) =>
      els.map((e) => ({ text: (e.textContent ?? '').replace(/\u00a0/g, ' '), className: e.className })));
  }

  async codeLensTexts() {
    return this.editor().locator('.codelens-decoration').allTextContents();
  }

  async inlayHintTexts() {
    // Inlay hints are injected text: spans with a dynamic class starting with "dyn-rule" or "inlay" inside view-lines.
    return this.editor().locator('.view-lines span[class*="inlayHint"], .view-lines span[class*="dyn-rule"]').allTextContents();
  }

  async squiggleCount(severity = 'error') {
    return this.editor().locator(`.view-overlays .squiggly-${severity}`).count();
  }

  /**
   * The Problems panel's entries: { file, severity, message, line, column }.
   * Opens the panel (Ctrl+Shift+M) and closes it again unless `keepOpen`.
   */
  async problems({ keepOpen = false } = {}) {
    const wasOpen = await this.page.locator('.markers-panel').first().isVisible().catch(() => false);
    if (!wasOpen) await this.page.keyboard.press('Control+Shift+M');
    await this.page.waitForSelector('.markers-panel', { state: 'visible', timeout: 10_000 });
    await sleep(500);
    const rows = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((e) => ({
      text: e.innerText,
      severity: e.querySelector('.codicon-error') ? 'error' : e.querySelector('.codicon-warning') ? 'warning' : e.querySelector('.codicon-info') ? 'info' : undefined,
    })));
    if (!keepOpen && !wasOpen) await this.page.keyboard.press('Control+Shift+M');
    const out = [];
    let file;
    for (const row of rows) {
      const at = /\[Ln (\d+), Col (\d+)\]/.exec(row.text);
      if (!at) { file = row.text.split('\n')[0].trim(); continue; }
      out.push({ file, severity: row.severity, message: row.text.split('\n')[0], line: Number(at[1]), column: Number(at[2]) });
    }
    return out;
  }

  /** Answers a "save changes?" dialog with Don't Save, if one is shown. */
  async dismissSaveDialog() {
    const dontSave = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don't Save/ });
    if (await dontSave.first().isVisible().catch(() => false)) await dontSave.first().click();
  }

  /** Back to a clean workbench after a failed scenario: no widgets, dialogs, edits, editors or panel. */
  async reset() {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
    await this.dismissSaveDialog();
    await this.runCommand('File: Revert File').catch(() => {});
    await this.runCommand('View: Close All Editors').catch(() => {});
    await sleep(500);
    await this.dismissSaveDialog();
    await this.hidePanel();
  }

  /** Hides the bottom panel (Problems, Output) if it is shown. */
  async hidePanel() {
    if (await this.page.locator('.part.panel').first().isVisible().catch(() => false)) await this.page.keyboard.press('Control+J');
  }

  /** Errors and warnings from the status bar's problems item. */
  async problemCounts() {
    const label = await this.page.locator('#status\\.problems').first().getAttribute('aria-label').catch(() => null)
      ?? await this.page.locator('.statusbar-item[id*="problems"] a, .statusbar-item[id*="problems"]').first().getAttribute('aria-label');
    const errors = Number(/(\d+)\s+error/i.exec(label ?? '')?.[1] ?? /Errors?:\s*(\d+)/i.exec(label ?? '')?.[1] ?? NaN);
    const warnings = Number(/(\d+)\s+warning/i.exec(label ?? '')?.[1] ?? /Warnings?:\s*(\d+)/i.exec(label ?? '')?.[1] ?? NaN);
    return { errors, warnings, label };
  }

  /** Moves the cursor with Go to Line (Ctrl+G `line:column`, 1-based). */
  async goTo(line, column) {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.page.waitForSelector('.quick-input-widget:not(.hidden) input', { timeout: 5000 });
    await this.page.keyboard.insertText(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  async focusEditor() {
    await this.editor().locator('.view-lines').click({ position: { x: 5, y: 5 } }).catch(() => {});
  }

  /**
   * Selects `length` characters from (line, column) and replaces them with
   * `text` in one edit (as a paste does), so that no half-typed state is
   * validated in between.
   */
  async replaceAt(line, column, length, text) {
    await this.goTo(line, column);
    for (let i = 0; i < length; i++) await this.page.keyboard.press('Shift+ArrowRight');
    await this.page.keyboard.insertText(text);
  }

  async save() {
    await this.page.keyboard.press('Control+S');
    await waitFor(async () => (await this.page.locator('.tabs-container .tab.active.dirty').count()) === 0, { message: 'the save to complete', timeoutMs: 5000 });
  }

  /** Status bar items' texts. */
  async statusBarTexts() {
    return this.page.locator('.statusbar-item').allInnerTexts();
  }

  /** The frame of a webview whose document has `selector` (webviews are nested iframes). */
  async webviewFrame(selector, { timeoutMs = 15_000 } = {}) {
    return waitFor(async () => {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        if (await frame.locator(selector).count().catch(() => 0)) return frame;
      }
      return undefined;
    }, { timeoutMs, message: `a webview with ${selector}` });
  }

  /**
   * Moves the mouse over `word` on the visible line that has it (1-based
   * `line` picks which); tokens are spans that may hold more than the word,
   * so the point is placed by character width (monospace).
   */
  async hoverWord(word, line) {
    const lines = this.editor().locator('.view-lines .view-line');
    const target = await waitFor(async () => {
      const all = await lines.evaluateAll((els) => els.map((e, i) => ({ i, top: parseFloat(e.style.top), text: (e.textContent ?? '').replace(/\u00a0/g, ' ') })));
      all.sort((a, b) => a.top - b.top);
      return all.find((l) => l.text.includes(word) && (line === undefined || !/^\s*\/\//.test(l.text)));
    }, { message: `a visible line with ${word}` });
    const box = await lines.nth(target.i).boundingBox();
    const charWidth = box.width / Math.max(1, target.text.length);
    const column = target.text.indexOf(word) + word.length / 2;
    // The line box spans the editor width; measure a character from the rendered spans instead.
    const spans = await lines.nth(target.i).locator('span > span').evaluateAll((els) => els.map((e) => ({ n: (e.textContent ?? '').length, w: e.getBoundingClientRect().width })));
    const chars = spans.reduce((a, s) => a + s.n, 0);
    const width = spans.reduce((a, s) => a + s.w, 0);
    const cw = chars > 0 ? width / chars : charWidth;
    await this.page.mouse.move(box.x + 1, box.y + box.height / 2);
    await this.page.mouse.move(box.x + column * cw, box.y + box.height / 2, { steps: 5 });
  }

  async hoverText() {
    return (await this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').allInnerTexts()).join('\n');
  }

  async screenshot(name) {
    if (!this.screenshots) return undefined;
    const path = `${this.screenshots}/e2e-${name}.png`;
    mkdirSync(dirname(path), { recursive: true });
    await this.page.screenshot({ path });
    return path;
  }
}
