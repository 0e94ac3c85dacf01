/**
 * The results panel in headless Chromium: panelHtml(...) with the bundled
 * webview, fed the sample report as the host would. Chart data is read back
 * from the chart.js instances (window.__servescope).
 * SERVESCOPE_SCREENSHOTS=1 also writes docs/images/panel-<view>-<theme>.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstimateReport } from '../../src/serving/report.js';
import {
  breakdownStack, comparisonGroups, feasibilityRows, frontierView, memoryStack, sortRows, STRATEGY_LABEL,
} from '../../webview/derive.js';
import type { ThemeKind } from '../../webview/theme.js';
import { launch, openPanel, results, type PanelPage } from './browser.js';

// The CLI's report of examples/deepseek-v3-strategies.serve (test/fixtures/gen-sample-report.ts); the
// assertions below are derived from it, so regenerating it does not break them.
const report = JSON.parse(readFileSync(new URL('../fixtures/sample-report.json', import.meta.url), 'utf8')) as EstimateReport;
const explore = report.explorations[0]!;
const rows = feasibilityRows(report);
/** A frontier point in the middle of the list, and one of the deployments and explored rows. */
const midPoint = Math.floor(explore.frontier.length / 2);
const someDeployment = report.deployments[Math.min(1, report.deployments.length - 1)]!.name;
const someExplored = rows.find((r) => r.origin === 'explore')!;
const VIEWS = ['feasibility', 'frontier', 'breakdown', 'memory', 'compare'] as const;

type Snapshot = Record<string, { type: string; labels: unknown[]; datasets: { label: string; data: unknown[] }[] }>;
const chartData = (p: PanelPage) => p.page.evaluate(() => window.__servescope!.charts()) as Promise<Snapshot>;
const near = (xs: unknown[], ys: number[]) => {
  expect(xs).toHaveLength(ys.length);
  xs.forEach((x, i) => expect(x as number).toBeCloseTo(ys[i]!, 6));
};

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

// Generous: several page loads per test on a shared 2-core machine.
describe('results panel in Chromium', { timeout: 180_000 }, () => {
  it('draws the report: chart data read back from the chart instances matches it', async () => {
    const p = await openPanel(browser);
    try {
      expect(await p.hostMessages()).toEqual([{ type: 'ready' }]);
      await p.postResults(results(report, 7));
      await p.waitForVersion(7);
      // Only the shown view is drawn on arrival; each of the others when its tab is selected.
      expect(Object.keys(await chartData(p)).sort()).toEqual(['feasibility-tpot', 'feasibility-ttft']);
      for (const view of VIEWS) await p.page.click(`#tab-${view}`);
      const charts = await chartData(p);

      expect(charts['feasibility-ttft']!.labels).toEqual(rows.map((r) => r.name));
      near(charts['feasibility-ttft']!.datasets[0]!.data, [...report.deployments.map((d) => d.ttftMs), ...report.explorations.flatMap((e) => e.bestPerStrategy.map((b) => b.ttftMs))]);
      near(charts['feasibility-tpot']!.datasets[0]!.data, [...report.deployments.map((d) => d.tpotMs), ...report.explorations.flatMap((e) => e.bestPerStrategy.map((b) => b.tpotMs))]);

      const frontier = charts.frontier!;
      const view = frontierView(report, 0)!;
      expect(frontier.datasets.map((d) => d.label)).toEqual(['Pareto frontier', ...view.series.map((x) => STRATEGY_LABEL[x.strategy]), 'Best per strategy', 'Deployments']);
      expect(frontier.datasets[0]!.data).toEqual(view.envelope);
      const drawn = frontier.datasets.slice(1, 1 + view.series.length).flatMap((d) => d.data as { x: number; y: number }[]);
      expect(drawn).toHaveLength(report.explorations[0]!.frontier.length);
      const fromReport = report.explorations[0]!.frontier.map((f) => `${f.outputTokensPerSecondPerUser}/${f.outputTokensPerSecondPerGpu}`).sort();
      expect(drawn.map((d) => `${d.x}/${d.y}`).sort()).toEqual(fromReport);
      expect(frontier.datasets[4]!.data).toEqual(report.deployments.map((d) => ({ x: d.outputTokensPerSecondPerUser, y: d.outputTokensPerSecondPerGpu })));
      expect(view.minTokensPerSecondPerUser).toBeCloseTo(1000 / explore.slo!.tpotMs!);

      for (const phase of ['prefill', 'decode'] as const) {
        const want = breakdownStack(report.deployments[0]![phase], 'ms');
        const got = charts[`breakdown-${phase}`]!;
        expect(got.labels).toEqual(want.labels);
        expect(got.datasets.map((d) => d.label)).toEqual(want.datasets.map((d) => d.label));
        got.datasets.forEach((d, i) => near(d.data, want.datasets[i]!.data));
        // The stacks add up to the step time of the report.
        const total = got.datasets.reduce((t, d) => t + (d.data as number[]).reduce((a, v) => a + v, 0), 0);
        expect(total).toBeCloseTo(report.deployments[0]![phase].timeMs, 1);
      }

      const mem = memoryStack(report);
      expect(charts.memory!.labels).toEqual(mem.labels);
      near(charts.memory!.datasets[0]!.data, report.deployments.flatMap((d) => d.pools.map((q) => q.memory.weightsBytes / 1024 ** 3)));
      near(charts.memory!.datasets[4]!.data, mem.over);

      const group = comparisonGroups(report)[0]!;
      expect(charts['compare-tokens-gpu']!.labels).toEqual(group.entries.map((e) => e.name));
      near(charts['compare-tokens-gpu']!.datasets[0]!.data, group.entries.map((e) => report.deployments.find((d) => d.name === e.name)!.outputTokensPerSecondPerGpu));

      const summary = await p.page.textContent('#frontier-summary');
      expect(summary).toContain(`${explore.candidates} candidates, ${explore.evaluated} evaluated, ${explore.feasible} feasible`);
      if (explore.message) expect(summary).toContain(explore.message);
      expect(await p.page.textContent('#status')).toContain('version 7');
      expect(await p.page.locator('#feasibility-table tbody tr').count()).toBe(rows.length);
      expect(await p.cspViolations()).toEqual([]);
      expect(p.errors).toEqual([]);
    } finally { await p.close(); }
  });

  it('shows an unbounded queue (arrival rate at or past capacity) as unbounded, its bar at the right edge', async () => {
    const overloaded: EstimateReport = { ...report, deployments: report.deployments.map((d, i) => (i === 0 ? { ...d, queueUnbounded: true } : d)) };
    const p = await openPanel(browser);
    try {
      await p.postResults(results(overloaded, 3));
      await p.waitForVersion(3);
      const firstRow = p.page.locator('#feasibility-table tbody tr').first();
      expect(await firstRow.locator('td').nth(3).textContent()).toContain('unbounded');
      const bars = (await chartData(p))['feasibility-ttft']!.datasets[0]!.data as number[];
      const others = bars.slice(1);
      expect(Number.isFinite(bars[0]!)).toBe(true);
      expect(bars[0]!).toBeGreaterThan(Math.max(...others, rows[0]!.slo.ttftMs ?? 0));
      near(others, rows.slice(1).map((r) => r.ttftMs));
      expect(p.errors).toEqual([]);
    } finally { await p.close(); }
  });

  it('ends showing the last of 100 rapid updates and drops older versions', async () => {
    const p = await openPanel(browser);
    try {
      // 100 results messages posted back to back, as saves while typing would: only the report's first TTFT differs.
      await p.page.evaluate(({ r, uri }) => {
        for (let i = 0; i < 100; i++) {
          const copy = structuredClone(r);
          copy.deployments[0]!.ttftMs = 1000 + i;
          window.postMessage({ type: 'results', params: { uri, version: i + 1, report: copy, errors: [], engineMs: 1 } }, '*');
        }
      }, { r: report, uri: results(report, 0).uri });
      await p.waitForVersion(100);
      let charts = await chartData(p);
      expect(charts['feasibility-ttft']!.datasets[0]!.data[0]).toBe(1099);
      const renders = await p.page.evaluate(() => window.__servescope!.renders);
      expect(renders).toBeGreaterThanOrEqual(1);
      expect(renders).toBeLessThanOrEqual(100);
      // A late answer for an older version must not replace the newer one.
      await p.postResults(results(report, 50));
      const last = structuredClone(report);
      last.deployments[0]!.ttftMs = 1099;
      await p.postResults(results(last, 101));
      await p.waitForVersion(101);
      charts = await chartData(p);
      expect(charts['feasibility-ttft']!.datasets[0]!.data[0]).toBe(1099);
      // A view first drawn after the burst shows the last results too.
      await p.page.click('#tab-compare');
      const group = comparisonGroups(last)[0]!;
      near((await chartData(p))['compare-ttft']!.datasets[0]!.data, group.entries.map((e) => e.ttftMs));
      expect(group.entries.some((e) => e.ttftMs === 1099)).toBe(true);
      expect(await p.cspViolations()).toEqual([]);
      expect(p.errors).toEqual([]);
    } finally { await p.close(); }
  });

  it('shows diagnostics for results without a report and keeps the last charts, dimmed', async () => {
    const p = await openPanel(browser);
    try {
      await p.postResults(results(report, 1));
      await p.waitForVersion(1);
      const before = await chartData(p);
      await p.postResults(results(null, 2, ["line 12: unknown model 'deepseek_v4'", 'line 30: tp must divide gpus']));
      await p.waitForVersion(2);
      expect(await p.page.isVisible('#diagnostics')).toBe(true);
      const text = await p.page.textContent('#diagnostics');
      expect(text).toContain("unknown model 'deepseek_v4'");
      expect(text).toContain('tp must divide gpus');
      expect(await p.page.evaluate(() => window.__servescope!.stale)).toBe(true);
      const opacity = await p.page.evaluate(() => getComputedStyle(document.querySelector('#view-feasibility')!).opacity);
      expect(Number(opacity)).toBeLessThan(1);
      expect(await chartData(p)).toEqual(before);
      expect(await p.page.isVisible('#chart-feasibility-ttft')).toBe(true);
      // The next good results clear both.
      await p.postResults(results(report, 3));
      await p.waitForVersion(3);
      expect(await p.page.isVisible('#diagnostics')).toBe(false);
      expect(await p.page.evaluate(() => document.getElementById('views')!.classList.contains('stale'))).toBe(false);
      // A report that comes with messages is drawn, not dimmed, and the messages are listed as warnings.
      await p.postResults(results(report, 4, ['line 40: explore capped at 5000 candidates']));
      await p.waitForVersion(4);
      expect(await p.page.textContent('#diagnostics')).toMatch(/Warnings.*explore capped/);
      expect(await p.page.evaluate(() => window.__servescope!.stale)).toBe(false);
    } finally { await p.close(); }
  });

  it('shows the error text when the first results already have errors', async () => {
    const p = await openPanel(browser);
    try {
      await p.postResults(results(null, 1, ['line 3: expected a number']));
      await p.waitForVersion(1);
      expect(await p.page.textContent('#diagnostics')).toContain('line 3: expected a number');
      expect(await p.page.textContent('#empty')).toContain('errors');
    } finally { await p.close(); }
  });

  it('follows the theme: colours from the VS Code variables, redrawn on a class change and on the theme message', async () => {
    const seen: Record<string, unknown> = {};
    for (const theme of ['light', 'dark', 'high-contrast', 'high-contrast-light'] as ThemeKind[]) {
      const p = await openPanel(browser, { theme });
      try {
        await p.postResults(results(report, 1));
        await p.waitForVersion(1);
        await p.page.click('#tab-memory');
        await p.page.click('#tab-frontier');
        const info = await p.page.evaluate(() => ({
          theme: window.__servescope!.theme,
          bg: getComputedStyle(document.body).backgroundColor,
          chart: window.__servescope!.chartTheme('frontier'),
        }));
        expect(info.theme).toBe(theme);
        expect(info.bg).toBe({ light: 'rgb(255, 255, 255)', dark: 'rgb(31, 31, 31)', 'high-contrast': 'rgb(0, 0, 0)', 'high-contrast-light': 'rgb(255, 255, 255)' }[theme]);
        expect(info.chart!.tickColor).toBe({ light: '#616161', dark: '#cccccc', 'high-contrast': '#ffffff', 'high-contrast-light': '#292929' }[theme]);
        // High-contrast themes outline bars in the contrast border colour.
        const hc = theme.startsWith('high-contrast');
        expect(await p.page.evaluate(() => window.__servescope!.chartBorders('memory'))).toEqual(
          Array(5).fill(hc ? { light: '', dark: '', 'high-contrast': '#6fc3df', 'high-contrast-light': '#0f4a85' }[theme] : 'transparent'));
        seen[theme] = info.chart;
        expect(await p.cspViolations()).toEqual([]);
        if (theme === 'light') {
          // VS Code switches the theme: new variables and body class -> charts redrawn in the new colours.
          await p.setTheme('dark');
          await p.page.waitForFunction(() => window.__servescope!.theme === 'dark');
          expect((await p.page.evaluate(() => window.__servescope!.chartTheme('frontier')))!.tickColor).toBe('#cccccc');
          await p.page.click('#tab-memory');
          expect((await p.page.evaluate(() => window.__servescope!.chartTheme('memory')))!.tickColor).toBe('#cccccc');
          // The host's theme message alone is enough too.
          await p.post({ type: 'theme', kind: 'high-contrast' });
          await p.page.waitForFunction(() => window.__servescope!.theme === 'high-contrast');
          expect(await p.page.evaluate(() => document.body.classList.contains('vscode-high-contrast'))).toBe(true);
          expect(p.errors).toEqual([]);
        }
      } finally { await p.close(); }
    }
    expect(new Set(Object.values(seen).map((s) => JSON.stringify(s))).size).toBe(4);
  });

  it('is keyboard reachable: tabs with arrows, sortable headers, snippet and copy by keyboard', async () => {
    const p = await openPanel(browser);
    try {
      await p.postResults(results(report, 1));
      await p.waitForVersion(1);
      const page = p.page;
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-feasibility');
      await page.keyboard.press('ArrowRight');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-frontier');
      expect(await page.isVisible('#view-frontier')).toBe(true);
      expect(await page.isVisible('#view-feasibility')).toBe(false);
      await page.keyboard.press('End');
      expect(await page.evaluate(() => window.__servescope!.view)).toBe('compare');
      await page.keyboard.press('Home');

      // Sort by TPOT from the keyboard: Tab to the header button, Enter twice (ascending, then descending).
      const header = page.locator('button[data-sort="tpotMs"]');
      await header.focus();
      await page.keyboard.press('Enter');
      let labels = (await chartData(p))['feasibility-tpot']!.labels;
      expect(labels).toEqual(sortRows(feasibilityRows(report), { key: 'tpotMs', descending: false }).map((r) => r.name));
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-sort'))).toBe('tpotMs');
      await page.keyboard.press('Enter');
      labels = (await chartData(p))['feasibility-tpot']!.labels;
      expect(labels).toEqual(sortRows(rows, { key: 'tpotMs', descending: true }).map((r) => r.name));
      expect(await page.getAttribute('th:has(button[data-sort="tpotMs"])', 'aria-sort')).toBe('descending');

      // Reveal a deployment from its name.
      await page.locator('#feasibility-table td.name button', { hasText: someDeployment }).focus();
      await page.keyboard.press('Enter');
      // An explored best reveals its explore block.
      await page.locator('#feasibility-table td.name button', { hasText: someExplored.name }).focus();
      await page.keyboard.press('Enter');

      // Open a frontier point's snippet and copy it.
      await page.click('#tab-frontier');
      await page.locator(`#frontier-points button[data-point="${midPoint}"]`).focus();
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('copy-snippet');
      const snippet = explore.frontier[midPoint]!.snippet;
      expect(await page.textContent('#frontier-snippet pre')).toBe(snippet);
      await page.keyboard.press('Enter');
      const sent = await p.hostMessages();
      expect(sent).toContainEqual({ type: 'revealDeployment', name: someDeployment });
      expect(sent).toContainEqual({ type: 'revealDeployment', name: explore.name });
      expect(sent).toContainEqual({ type: 'copySnippet', snippet });
    } finally { await p.close(); }
  });

  it('opens a frontier point\'s snippet when the point is clicked on the chart', async () => {
    const p = await openPanel(browser);
    try {
      await p.postResults(results(report, 1));
      await p.waitForVersion(1);
      await p.page.click('#tab-frontier');
      // Pixel position of a point of the largest strategy series, from chart.js' own element.
      const series = frontierView(report, 0)!.series;
      const si = series.reduce((best, x, i) => (x.points.length > series[best]!.points.length ? i : best), 0);
      const pi = Math.floor(series[si]!.points.length / 2);
      const pos = (await p.page.evaluate(([d, i]) => window.__servescope!.pointPosition('frontier', d, i), [si + 1, pi] as const))!;
      await p.page.mouse.click(pos.x, pos.y);
      await p.page.waitForSelector('#frontier-snippet:not([hidden])');
      expect(await p.page.textContent('#frontier-snippet pre')).toBe(explore.frontier[series[si]!.points[pi]!.index]!.snippet);
    } finally { await p.close(); }
  });

  it('keeps its state with setState and restores it (view, sort, results) without the host', async () => {
    const p = await openPanel(browser);
    let saved: unknown;
    try {
      await p.postResults(results(report, 4));
      await p.waitForVersion(4);
      await p.page.click('button[data-sort="gpus"]');
      await p.page.click('#tab-memory');
      saved = await p.savedState();
      expect(saved).toMatchObject({ view: 'memory', sort: { key: 'gpus', descending: false }, results: { version: 4 } });
    } finally { await p.close(); }
    const q = await openPanel(browser, { savedState: saved });
    try {
      await q.waitForVersion(4);
      expect(await q.page.isVisible('#view-memory')).toBe(true);
      expect(await q.page.getAttribute('#tab-memory', 'aria-selected')).toBe('true');
      expect((await chartData(q)).memory!.labels).toEqual(memoryStack(report).labels);
    } finally { await q.close(); }
    // The host may also seed the page through panelHtml's initialState.
    const r = await openPanel(browser, { initialState: { view: 'breakdown', results: results(report, 9) } });
    try {
      await r.waitForVersion(9);
      expect(await r.page.isVisible('#view-breakdown')).toBe(true);
      expect(await r.cspViolations()).toEqual([]);
    } finally { await r.close(); }
  });

  it('draws every view in light and dark (screenshots with SERVESCOPE_SCREENSHOTS=1)', async () => {
    const shots = process.env.SERVESCOPE_SCREENSHOTS === '1';
    if (shots) mkdirSync('docs/images', { recursive: true });
    for (const theme of ['light', 'dark'] as ThemeKind[]) {
      const p = await openPanel(browser, { theme, width: 1100, height: 760 });
      try {
        await p.postResults(results(report, 1));
        await p.waitForVersion(1);
        for (const view of VIEWS) {
          await p.page.click(`#tab-${view}`);
          if (view === 'frontier') {
            await p.page.click(`#frontier-points button[data-point="${midPoint}"]`);
            await p.page.evaluate(() => { document.querySelector('#frontier-points')!.parentElement!.scrollTop = 0; window.scrollTo(0, 0); });
          }
          // Charts created while their tab was hidden size themselves once shown, and paint something.
          await p.page.waitForFunction((v) => Array.from(document.querySelectorAll<HTMLCanvasElement>(`#view-${v} canvas`))
            .every((c) => c.width > 100 && c.height > 100), view);
          const painted = await p.page.evaluate((v) => Array.from(document.querySelectorAll<HTMLCanvasElement>(`#view-${v} canvas`)).map((c) => {
            const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
            let opaque = 0;
            for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) opaque++;
            return opaque / (px.length / 4);
          }), view);
          for (const share of painted) expect(share).toBeGreaterThan(0.02);
          if (shots) await p.page.screenshot({ path: `docs/images/panel-${view}-${theme}.png` });
        }
        expect(await p.cspViolations()).toEqual([]);
        expect(p.errors).toEqual([]);
      } finally { await p.close(); }
    }
  });
});
