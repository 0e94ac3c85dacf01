/** The shipped communication fit (tools/fit-comm.ts -> data/fitted/comm.json). */
import data from '../../../data/fitted/comm.json' with { type: 'json' };
import type { CommParams } from './comm-params.js';

export const fittedComm: CommParams = data as unknown as CommParams;
