/** What every view of the panel gets and provides. */
import type { WebviewToHostMessage, ResultsParams } from '../src/protocol.js';
import type { EstimateReport } from '../src/serving/report.js';
import type { BreakdownUnit, SortState } from './derive.js';
import type { Palette } from './theme.js';

export type ViewId = 'feasibility' | 'frontier' | 'breakdown' | 'memory' | 'compare';

/** Kept with getState/setState so a hidden and re-shown panel comes back as it was. */
export interface PanelState {
  view: ViewId;
  sort?: SortState;
  unit: BreakdownUnit;
  breakdownDeployment?: string;
  operatorPhase: 'prefill' | 'decode';
  frontierExplore: number;
  /** Index into the shown exploration's frontier of the point whose snippet is open. */
  frontierPoint?: number;
  compareGroup: number;
  /** The last results that had a report, drawn again on restore. */
  results?: ResultsParams;
}

export const DEFAULT_STATE: PanelState = {
  view: 'feasibility', unit: 'ms', operatorPhase: 'decode', frontierExplore: 0, compareGroup: 0,
};

export interface ViewContext {
  state: PanelState;
  saveState(): void;
  post(message: WebviewToHostMessage): void;
  /** Draw the current report again (after a sort, a selection or a toggle). */
  rerender(): void;
}

export interface View {
  id: ViewId;
  title: string;
  root: HTMLElement;
  render(report: EstimateReport, palette: Palette): void;
}

/** Id of the JSON script element panelHtml writes the initial state into. */
export const INITIAL_STATE_ID = 'servescope-initial-state';
