import type { Command } from '../command.js';
import { CliUserError, formatDiagnostic, loadScenarioFile } from '../load.js';

/** `check FILE...`: parse, link and validate; one diagnostic per line. Exit 1 on errors, 3 when a file cannot be read. */
export const checkCommand: Command = {
  name: 'check',
  usage: 'check FILE...',
  summary: 'validate scenario files; prints file:line:col severity code message',
  async run(args, io) {
    const files = args.filter((a) => !a.startsWith('-'));
    const flags = args.filter((a) => a.startsWith('-'));
    if (flags.length > 0 || files.length === 0) {
      io.err(flags.length > 0 ? `servescope check: unknown option ${flags[0]}` : 'usage: servescope check FILE...');
      return 2;
    }
    let errors = 0;
    let warnings = 0;
    let unreadable = 0;
    const printed = new Set<string>();
    for (const file of files) {
      try {
        const result = await loadScenarioFile(file);
        for (const d of result.diagnostics) {
          const line = formatDiagnostic(d);
          if (printed.has(line)) continue; // an imported file shared by two arguments
          printed.add(line);
          io.out(line);
          if (d.severity === 'error') errors++;
          else if (d.severity === 'warning') warnings++;
        }
      } catch (error) {
        if (!(error instanceof CliUserError)) throw error;
        io.err(`servescope check: ${error.message}`);
        unreadable++;
      }
    }
    // Nothing read: the reason line above is the whole answer. Otherwise a summary that counts what was not read.
    if (unreadable < files.length) {
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      io.err(`servescope check: ${plural(files.length, 'file')}${unreadable > 0 ? ` (${unreadable} unreadable)` : ''}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
    }
    return unreadable > 0 ? 3 : errors > 0 ? 1 : 0;
  },
};
