import type { Command } from '../command.js';

export const checkCommand: Command = {
  name: 'check',
  usage: 'check FILE',
  summary: 'not implemented yet',
  async run(_args, io) {
    io.err('servescope check: not implemented yet');
    return 2;
  },
};
