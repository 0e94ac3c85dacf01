/** The shipped efficiency fit (tools/fit-calibration.ts -> data/fitted/efficiency.json). */
import data from '../../../data/fitted/efficiency.json' with { type: 'json' };
import type { EfficiencyParams } from './params.js';

export const fittedEfficiency: EfficiencyParams = data as unknown as EfficiencyParams;
