import type { Command } from '../command.js';

export const stepCommand: Command = {
  name: 'step',
  usage: 'step FILE',
  summary: 'not implemented yet',
  async run(_args, io) {
    io.err('servescope step: not implemented yet');
    return 2;
  },
};
