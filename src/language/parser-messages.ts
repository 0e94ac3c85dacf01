/**
 * Syntax error messages a person reads on one line: "expected a name, found
 * '{'" instead of Chevrotain's numbered list of token sequences.
 */
import { DefaultLexerErrorMessageProvider, LangiumParserErrorMessageProvider } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

const NAME_TOKENS = new Set(['ID', 'afd', 'aggregated', 'disaggregated', 'prefill', 'decode', 'attention', 'ffn', 'moe', 'throughput', 'ring', 'switch', 'torus', 'x']);

function describe(t: TokenType): string {
  const name = t.name.endsWith(':KW') ? t.name.slice(0, -3) : t.name;
  if (name === 'ID') return 'a name';
  if (name === 'NUMBER') return 'a number';
  if (name === 'STRING') return 'a "string"';
  if (name === 'EOF') return 'end of file';
  return `'${name}'`;
}

function found(token: IToken): string {
  return token.image === '' ? 'end of file' : `'${token.image}'`;
}

export class ServescopeParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
  override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
    return `expected ${describe(options.expected)}, found ${found(options.actual)}`;
  }

  override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
    return `unexpected ${found(options.firstRedundant)}: expected gpu, cluster, model, workload, deployment or explore`;
  }

  override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
    return `expected ${this.alternatives(options.expectedPathsPerAlt.flat())}, found ${found(options.actual[0])}`;
  }

  override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
    return `expected ${this.alternatives(options.expectedIterationPaths)}, found ${found(options.actual[0])}`;
  }

  private alternatives(paths: TokenType[][]): string {
    const firsts = paths.map((p) => p[0]).filter((t): t is TokenType => t !== undefined);
    const names = new Set<string>();
    let name = false;
    for (const t of firsts) {
      const n = t.name.endsWith(':KW') ? t.name.slice(0, -3) : t.name;
      if (NAME_TOKENS.has(n)) name = true; else names.add(describe(t));
    }
    const list = [...(name ? ['a name'] : []), ...names];
    if (list.length > 8) return `one of ${list.slice(0, 8).join(', ')}, ...`;
    return list.length <= 1 ? (list[0] ?? 'something else') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
  }
}

/** Lexer errors on one line: "unexpected character '-'" instead of Chevrotain's "->-<- at offset: 49, skipped 1 characters." */
export class ServescopeLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
  override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
    const text = fullText.substring(startOffset, startOffset + length);
    if (text.startsWith('-')) return `unexpected '-': quantities are written without a sign (every figure in a scenario is positive)`;
    if (text.startsWith('"') || text.startsWith("'")) return `unterminated string: add the closing ${text[0]}`;
    return `unexpected character${length > 1 ? 's' : ''} '${text}'`;
  }
}
