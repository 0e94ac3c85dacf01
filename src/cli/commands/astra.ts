import type { Command } from '../command.js';

export const astraCommand: Command = {
  name: 'astra',
  usage: 'astra FILE',
  summary: 'not implemented yet',
  async run(_args, io) {
    io.err('servescope astra: not implemented yet');
    return 2;
  },
};
