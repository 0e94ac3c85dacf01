/**
 * Finding `deployment NAME` and `explore NAME` blocks in a document's text,
 * for the commands that act on a block by name (reveal from the panel, pick an
 * explore). A text scan rather than the AST: the client holds no parser, and
 * the grammar's block headers are one line each. Comments are blanked first so
 * that a commented-out block is not found.
 */
export type BlockKind = 'deployment' | 'explore';

export interface BlockLocation {
  kind: BlockKind;
  name: string;
  /** Offset of the name in the text. */
  offset: number;
  length: number;
}

/** Replaces comments by spaces, keeping offsets; strings are kept as they are. */
function blankComments(text: string): string {
  return text.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\/\*[\s\S]*?\*\/|\/\/[^\n\r]*/g, (m) =>
    m.startsWith('/') ? m.replace(/[^\n\r]/g, ' ') : m);
}

const HEADER = /\b(deployment|explore)\s+([_a-zA-Z]\w*)\s+serves\b/g;

export function listBlocks(text: string, kind?: BlockKind): BlockLocation[] {
  const blocks: BlockLocation[] = [];
  for (const m of blankComments(text).matchAll(HEADER)) {
    const k = m[1] as BlockKind;
    if (kind && k !== kind) continue;
    const name = m[2]!;
    blocks.push({ kind: k, name, offset: m.index! + m[0].indexOf(name, m[1]!.length), length: name.length });
  }
  return blocks;
}

export function findBlock(text: string, name: string): BlockLocation | undefined {
  return listBlocks(text).find((b) => b.name === name);
}
