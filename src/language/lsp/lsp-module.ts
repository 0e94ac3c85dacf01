/**
 * servescope's editor services: hover, inlay hints, completion, quick fixes,
 * formatting and semantic tokens, plus the store of engine results they read.
 * Definition, references, rename, document symbols and folding are Langium's
 * defaults (names are `name` properties; references are cross-file through
 * the index). `createServescopeServices` layers them, with Langium's LSP
 * defaults, over the core module of servescope-module.ts.
 */
import { inject, DefaultWorkspaceManager, type LangiumDocument, type LangiumSharedCoreServices, type Module } from 'langium';
import {
  createDefaultModule, createDefaultSharedModule,
  type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices,
  type PartialLangiumServices, type PartialLangiumSharedServices,
} from 'langium/lsp';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { ServescopeGeneratedModule, ServescopeGeneratedSharedModule } from '../generated/module.js';
import { ServescopeModule, type ServescopeAddedServices } from '../servescope-module.js';
import { registerValidationChecks } from '../validation/validator.js';
import { libraryDocuments } from '../library.js';
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

/** servescope's language services with the editor (LSP) providers. */
export type ServescopeServices = LangiumServices & ServescopeAddedServices;

/** The language server loads the built-in library with the workspace folders. */
export class ServescopeWorkspaceManager extends DefaultWorkspaceManager {
  private readonly shared: LangiumSharedCoreServices;

  constructor(shared: LangiumSharedCoreServices) {
    super(shared);
    this.shared = shared;
  }

  protected override async loadAdditionalDocuments(
    folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void,
  ): Promise<void> {
    await super.loadAdditionalDocuments(folders, collector);
    for (const doc of libraryDocuments(this.shared)) collector(doc);
  }
}

export const ServescopeSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
  workspace: {
    WorkspaceManager: (shared) => new ServescopeWorkspaceManager(shared),
  },
};

/** The language server's services: the core module plus Langium's LSP defaults and servescope's editor providers. */
export function createServescopeServices(context: DefaultSharedModuleContext): {
  shared: LangiumSharedServices;
  Servescope: ServescopeServices;
} {
  const shared = inject(createDefaultSharedModule(context), ServescopeGeneratedSharedModule, ServescopeSharedModule);
  const Servescope = inject(createDefaultModule({ shared }), ServescopeGeneratedModule, ServescopeModule, ServescopeLspModule);
  shared.ServiceRegistry.register(Servescope);
  registerValidationChecks(Servescope);
  return { shared, Servescope };
}
