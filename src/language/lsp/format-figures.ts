/**
 * Short human formats for the figures the editor shows inline (hints, hovers,
 * messages). They live in src/format/quantities.ts, shared with the CLI, the
 * serving layer and the webview; this module keeps the names the providers import.
 * Hints use the compact variants (formatDurationCompact "212ms",
 * formatRateCompact "12.3K") because an inlay hint must stay a few characters;
 * hovers use the spaced, grouped ones (formatMs "212 ms", formatRate "1,450").
 */
export {
  formatBandwidth, formatBytes, formatCount, formatDurationCompact, formatFlops, formatMs, formatPercent, formatRate, formatRateCompact,
} from '../../format/quantities.js';
