/**
 * The one module that wires servescope's core Langium services: generated
 * parser and AST reflection, scoping across imports and the built-in library,
 * and the validator. The command line uses these alone; the language server
 * adds Langium's LSP defaults and servescope's editor providers on top
 * (lsp/lsp-module.ts). The CLI bundle thus leaves out the providers and
 * vscode-languageserver (1.86 -> 1.61 MB; the protocol package stays, through
 * Langium's document builder); its start-up time did not change measurably.
 */
import {
  createDefaultCoreModule, createDefaultSharedCoreModule, inject,
  type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices,
  type Module, type PartialLangiumCoreServices,
} from 'langium';
import { ServescopeGeneratedModule, ServescopeGeneratedSharedModule } from './generated/module.js';
import { ServescopeScopeProvider } from './scope.js';
import { ServescopeScopeComputation } from './scope-computation.js';
import { ServescopeLinker } from './linker.js';
import { ServescopeLexerErrorMessageProvider, ServescopeParserErrorMessageProvider } from './parser-messages.js';
import { ServescopeValidator, registerValidationChecks } from './validation/validator.js';
import { ServescopeDocumentValidator } from './validation/document-validator.js';

/** Services servescope adds to Langium's. */
export type ServescopeAddedServices = {
  validation: { ServescopeValidator: ServescopeValidator };
};

/** servescope's language services without the editor (LSP) providers. */
export type ServescopeCoreServices = LangiumCoreServices & ServescopeAddedServices;

export const ServescopeModule: Module<ServescopeCoreServices, PartialLangiumCoreServices & ServescopeAddedServices> = {
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

/** Core services for the command line, benches and language tests (no LSP connection). */
export function createServescopeCoreServices(context: DefaultSharedCoreModuleContext): {
  shared: LangiumSharedCoreServices;
  Servescope: ServescopeCoreServices;
} {
  const shared = inject(createDefaultSharedCoreModule(context), ServescopeGeneratedSharedModule);
  const Servescope = inject(createDefaultCoreModule({ shared }), ServescopeGeneratedModule, ServescopeModule);
  shared.ServiceRegistry.register(Servescope);
  registerValidationChecks(Servescope);
  return { shared, Servescope };
}
