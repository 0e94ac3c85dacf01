/**
 * servescope's editor services: hover, inlay hints, completion, quick fixes,
 * formatting and semantic tokens, plus the store of engine results they read.
 * Definition, references, rename, document symbols and folding are Langium's
 * defaults (names are `name` properties; references are cross-file through
 * the index). Injected by servescope-module.ts.
 */
import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumServices } from 'langium/lsp';
import { EstimateStore } from './estimate-store.js';
import { ScenarioSpecs } from './scenario-specs.js';
import { ServescopeHoverProvider } from './hover-provider.js';
import { ServescopeInlayHintProvider } from './inlay-hint-provider.js';
import { ServescopeCompletionProvider } from './completion-provider.js';
import { ServescopeCodeActionProvider } from './code-action-provider.js';
import { ServescopeFormatter } from './formatter.js';
import { ServescopeSemanticTokenProvider } from './semantic-token-provider.js';

export interface ServescopeEditorServices {
  editor: {
    /** Latest engine results per document (written by the engine scheduler). */
    Estimates: EstimateStore;
    /** Resolved model/cluster specs per AST node. */
    Specs: ScenarioSpecs;
  };
}

type EditorLangiumServices = LangiumServices & ServescopeEditorServices;

export const ServescopeLspModule: Module<EditorLangiumServices, PartialLangiumServices & ServescopeEditorServices> = {
  editor: {
    Estimates: () => new EstimateStore(),
    Specs: () => new ScenarioSpecs(),
  },
  lsp: {
    HoverProvider: (services) => new ServescopeHoverProvider(services, services.editor),
    InlayHintProvider: (services) => new ServescopeInlayHintProvider(services.editor),
    CompletionProvider: (services) => new ServescopeCompletionProvider(services),
    CodeActionProvider: (services) => new ServescopeCodeActionProvider(services),
    Formatter: () => new ServescopeFormatter(),
    SemanticTokenProvider: (services) => new ServescopeSemanticTokenProvider(services),
  },
};

/** The editor services of a servescope language services object (injected by ServescopeLspModule). */
export function editorServices(services: LangiumServices): ServescopeEditorServices['editor'] {
  const editor = (services as Partial<ServescopeEditorServices>).editor;
  if (!editor) throw new Error('servescope editor services are not injected (ServescopeLspModule)');
  return editor;
}
