import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, INITIAL_STATE_ID, panelHtml, scriptSafeJson } from '../../webview/html.js';

const base = { scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview.js', cspSource: 'https://*.vscode-cdn.net', nonce: 'Zm9vYmFyMTIz' };

describe('panelHtml', () => {
  it('sets a strict CSP: nothing by default, scripts and styles only by nonce', () => {
    const html = panelHtml(base);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!.replace(/&#39;|&apos;/g, "'");
    expect(csp).toBe(contentSecurityPolicy(base.cspSource, base.nonce));
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-Zm9vYmFyMTIz'");
    expect(csp).toContain(`style-src ${base.cspSource} 'nonce-Zm9vYmFyMTIz'`);
    expect(csp).toContain(`img-src ${base.cspSource} data:`);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('loads only the given script, with the nonce, and inlines the styles under the nonce', () => {
    const html = panelHtml(base);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts).toEqual([` nonce="${base.nonce}" src="${base.scriptUri}"`]);
    expect(html).toMatch(new RegExp(`<style nonce="${base.nonce}">[^<]*--vscode-editor-foreground`));
    // No remote content: the only URLs are the ones the host passed in.
    const urls = [...html.matchAll(/https?:\/\/[^\s"')]+/g)].map((m) => m[0]);
    expect(urls.every((u) => u === base.scriptUri || base.cspSource.startsWith('https://*'))).toBe(true);
    expect(html).not.toMatch(/ style="/);
    expect(html).toContain('id="tabs" role="tablist"');
  });

  it('links an extra stylesheet when given one', () => {
    expect(panelHtml({ ...base, styleUri: 'https://x.vscode-cdn.net/a.css' })).toContain('<link rel="stylesheet" href="https://x.vscode-cdn.net/a.css">');
  });

  it('embeds the initial state as inert JSON that cannot close its script element', () => {
    const state = { view: 'frontier', note: '</script><script>alert(1)</script>', sep: '\u2028' };
    const html = panelHtml({ ...base, initialState: state });
    const m = new RegExp(`<script type="application/json" id="${INITIAL_STATE_ID}" nonce="${base.nonce}">(.*?)</script>`).exec(html)!;
    expect(m[1]).not.toContain('</script');
    expect(JSON.parse(m[1]!)).toEqual(state);
    expect(scriptSafeJson('<!--')).toBe('"\\u003c!--"');
  });

  it('rejects a nonce that could break out of the attribute', () => {
    expect(() => panelHtml({ ...base, nonce: 'a" onload="x' })).toThrow(/nonce/);
  });
});
