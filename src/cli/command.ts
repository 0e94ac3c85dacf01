/** One CLI subcommand. `run` returns the process exit code:
 * 0 ok, 1 the input has errors (diagnostics printed), 2 usage error,
 * 3 an input file cannot be read. Output goes through `io` so tests can capture it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  name: string;
  /** One line: `check FILE...`. */
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}
