import type { Command } from '../command.js';

export const exploreCommand: Command = {
  name: 'explore',
  usage: 'explore FILE',
  summary: 'not implemented yet',
  async run(_args, io) {
    io.err('servescope explore: not implemented yet');
    return 2;
  },
};
