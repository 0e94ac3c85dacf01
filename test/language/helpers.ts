/**
 * Test services for the language: an in-memory workspace with the built-in
 * library loaded, and Langium's validation helper on top.
 */
import { AstUtils, EmptyFileSystem, type AstNode } from 'langium';
import { validationHelper, type ValidationResult } from 'langium/test';
import { createServescopeCoreServices } from '../../src/language/servescope-module.js';
import { ensureLibrary } from '../../src/language/library.js';
import type { Document } from '../../src/language/generated/ast.js';

export const services = createServescopeCoreServices({ ...EmptyFileSystem });

let ready: Promise<void> | undefined;
export function libraryReady(): Promise<void> {
  ready ??= services.shared.workspace.DocumentBuilder.build(ensureLibrary(services.shared), { validation: true });
  return ready;
}

const helper = validationHelper<Document>(services.Servescope);

export async function validate(text: string): Promise<ValidationResult<Document>> {
  await libraryReady();
  return helper(text);
}

/** The first node of the document in text order that satisfies `predicate`. */
export function find<T extends AstNode>(root: AstNode, predicate: (n: AstNode) => n is T): T {
  for (const n of AstUtils.streamAst(root)) if (predicate(n)) return n;
  throw new Error('no such node');
}

export function codes(result: ValidationResult<Document>): string[] {
  return result.diagnostics.map((d) => String(d.code ?? (d.data as { code?: string } | undefined)?.code));
}
