/**
 * The results panel: one webview beside the editor that follows the active
 * .serve document and draws its latest results (webview/ bundle). The host
 * side only posts ResultsParams and the theme kind and answers the webview's
 * requests (src/protocol.ts).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostToWebviewMessage, ThemeMessage, WebviewToHostMessage } from '../protocol.js';
import { findBlock } from './blocks.js';
import { LANGUAGE_ID, RESULTS_PANEL_VIEW_TYPE } from './ids.js';
import type { ResultsStore } from './results-store.js';
import { panelHtml } from './webview-html.js';

export function themeKind(kind: vscode.ColorThemeKind): ThemeMessage['kind'] {
  switch (kind) {
    case vscode.ColorThemeKind.Light: return 'light';
    case vscode.ColorThemeKind.HighContrast: return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight: return 'high-contrast-light';
    default: return 'dark';
  }
}

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The document the panel shows. */
  private uri: vscode.Uri | undefined;
  private ready = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly store: ResultsStore, private readonly log: vscode.OutputChannel) {
    this.subscriptions.push(
      store.onDidChange((r) => {
        if (this.uri?.toString() === r.uri) this.post({ type: 'results', params: r });
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId === LANGUAGE_ID && editor.document.uri.toString() !== this.uri?.toString()) {
          this.follow(editor.document.uri);
        }
      }),
      vscode.window.onDidChangeActiveColorTheme((theme) => this.post({ type: 'theme', kind: themeKind(theme.kind) })),
    );
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Opens (or reveals) the panel beside the editor, following `uri`. */
  show(uri: vscode.Uri): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      this.follow(uri);
      return;
    }
    this.uri = uri;
    this.ready = false;
    const outDir = vscode.Uri.joinPath(this.extensionUri, 'out');
    const results = this.store.get(uri);
    this.panel = vscode.window.createWebviewPanel(
      RESULTS_PANEL_VIEW_TYPE,
      this.title(uri),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      // retainContextWhenHidden: the chart keeps its state (zoom, selection)
      // when the panel is behind another tab; one panel, so the memory is bounded.
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [outDir] },
    );
    const webview = this.panel.webview;
    webview.html = panelHtml({
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(outDir, 'webview.js')).toString(),
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      // Drawn before the first message: the panel opens with the numbers already there.
      initialState: results ? { results } : undefined,
    });
    this.panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    }, undefined, this.subscriptions);
    webview.onDidReceiveMessage((m: WebviewToHostMessage) => {
      // A failed clipboard write or a closed document must not become an unhandled rejection.
      this.receive(m).catch((e: unknown) => this.log.appendLine(`results panel: ${m.type} failed: ${e instanceof Error ? e.message : String(e)}`));
    }, undefined, this.subscriptions);
  }

  private title(uri: vscode.Uri): string {
    return `Results: ${uri.path.split('/').pop()}`;
  }

  private follow(uri: vscode.Uri): void {
    this.uri = uri;
    if (!this.panel) return;
    this.panel.title = this.title(uri);
    const results = this.store.get(uri);
    if (results) this.post({ type: 'results', params: results });
  }

  private post(message: HostToWebviewMessage): void {
    // Before 'ready' the page is not listening; it gets the latest state then.
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }

  private async receive(message: WebviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        this.post({ type: 'theme', kind: themeKind(vscode.window.activeColorTheme.kind) });
        const results = this.uri && this.store.get(this.uri);
        if (results) this.post({ type: 'results', params: results });
        return;
      }
      case 'copySnippet':
        await vscode.env.clipboard.writeText(message.snippet);
        void vscode.window.showInformationMessage('servescope: deployment copied to the clipboard');
        return;
      case 'revealDeployment':
        await this.reveal(message.name);
        return;
      default:
        this.log.appendLine(`results panel: unknown message ${JSON.stringify(message)}`);
    }
  }

  private async reveal(name: string): Promise<void> {
    if (!this.uri) return;
    const document = await vscode.workspace.openTextDocument(this.uri);
    const block = findBlock(document.getText(), name);
    if (!block) {
      void vscode.window.showWarningMessage(`servescope: no deployment or explore block named ${name}`);
      return;
    }
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri?.toString());
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
    const range = new vscode.Range(document.positionAt(block.offset), document.positionAt(block.offset + block.length));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
