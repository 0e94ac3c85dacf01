/**
 * The results panel's HTML comes from the webview (webview/html.ts, pure):
 * re-exported here so the client has one place that names it.
 */
export { panelHtml, type PanelHtmlOptions } from '../../webview/html.js';
