import type { Command } from '../command.js';

export const estimateCommand: Command = {
  name: 'estimate',
  usage: 'estimate FILE',
  summary: 'not implemented yet',
  async run(_args, io) {
    io.err('servescope estimate: not implemented yet');
    return 2;
  },
};
