/**
 * servescope CLI entry: `servescope COMMAND ...`. User errors print one line
 * and exit non-zero; a stack trace means a bug in servescope.
 */
import type { CliIo } from './command.js';
import { commands } from './commands/index.js';

// A reader that stops early (`servescope estimate x.serve | head`) closes the pipe: stop
// quietly, as Unix tools do, instead of dying on the unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const io: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

function usage(): string {
  return ['usage: servescope COMMAND [options]', '', ...commands.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`servescope: unknown command '${name}' (try: ${commands.map((c) => c.name).join(', ')})`);
    return 2;
  }
  return command.run(rest, io);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    io.err(`servescope: internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 70;
  },
);
