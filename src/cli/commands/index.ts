import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { estimateCommand } from './estimate.js';
import { exploreCommand } from './explore.js';
import { stepCommand } from './step.js';
import { exportAstraCommand } from './export-astra.js';
import { astraCommand } from './astra.js';

export const commands: readonly Command[] = [
  checkCommand, estimateCommand, exploreCommand, stepCommand, exportAstraCommand, astraCommand,
];
