/**
 * The one module that wires servescope's Langium services: generated parser
 * and AST reflection, scoping across imports and the built-in library, the
 * validator, and (editor) LSP providers.
 */
import { inject, DefaultWorkspaceManager, type LangiumDocument, type LangiumSharedCoreServices, type Module } from 'langium';
import {
  createDefaultModule, createDefaultSharedModule,
  type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices,
  type PartialLangiumServices, type PartialLangiumSharedServices,
} from 'langium/lsp';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { ServescopeGeneratedModule, ServescopeGeneratedSharedModule } from './generated/module.js';
import { ServescopeScopeProvider } from './scope.js';
import { ServescopeScopeComputation } from './scope-computation.js';
import { ServescopeLinker } from './linker.js';
import { ServescopeLexerErrorMessageProvider, ServescopeParserErrorMessageProvider } from './parser-messages.js';
import { ServescopeValidator, registerValidationChecks } from './validation/validator.js';
import { ServescopeDocumentValidator } from './validation/document-validator.js';
import { libraryDocuments } from './library.js';
import { ServescopeLspModule } from './lsp/lsp-module.js';

/** Services servescope adds to Langium's. */
export type ServescopeAddedServices = {
  validation: { ServescopeValidator: ServescopeValidator };
};

export type ServescopeServices = LangiumServices & ServescopeAddedServices;

export const ServescopeModule: Module<ServescopeServices, PartialLangiumServices & ServescopeAddedServices> = {
  parser: {
    ParserErrorMessageProvider: () => new ServescopeParserErrorMessageProvider(),
    LexerErrorMessageProvider: () => new ServescopeLexerErrorMessageProvider(),
  },
  references: {
    ScopeProvider: (services) => new ServescopeScopeProvider(services),
    ScopeComputation: (services) => new ServescopeScopeComputation(services),
    Linker: (services) => new ServescopeLinker(services),
  },
  validation: {
    ServescopeValidator: (services) => new ServescopeValidator(services),
    DocumentValidator: (services) => new ServescopeDocumentValidator(services),
  },
};

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
