/** Chart options shared by the views, in the theme's colours. */
import type { ChartOptions } from 'chart.js';
import type { Palette } from '../theme.js';

export function axis(palette: Palette, title: string, extra: Record<string, unknown> = {}) {
  return {
    title: { display: title !== '', text: title, color: palette.muted },
    grid: { color: palette.grid },
    border: { color: palette.grid },
    ticks: { color: palette.foreground },
    ...extra,
  };
}

export function baseOptions(palette: Palette): ChartOptions {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    color: palette.foreground,
    plugins: {
      legend: { labels: { color: palette.foreground, boxWidth: 12 } },
      tooltip: {
        backgroundColor: palette.background,
        titleColor: palette.foreground,
        bodyColor: palette.foreground,
        borderColor: palette.contrastBorder || palette.grid,
        borderWidth: 1,
      },
    },
  };
}

/** Bar border in high-contrast themes, none otherwise. */
export function barBorder(palette: Palette): { borderColor: string; borderWidth: number } {
  return palette.contrastBorder ? { borderColor: palette.contrastBorder, borderWidth: 1 } : { borderColor: 'transparent', borderWidth: 0 };
}
