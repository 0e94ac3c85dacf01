import type { Command } from '../command.js';

export const exportAstraCommand: Command = {
  name: 'export-astra',
  usage: 'export-astra FILE',
  summary: 'not implemented yet',
  async run(_args, io) {
    io.err('servescope export-astra: not implemented yet');
    return 2;
  },
};
