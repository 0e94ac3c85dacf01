/**
 * The one module that wires servescope's Langium services: generated parser
 * and AST reflection, plus the hand-written validator and LSP providers.
 */
import { inject, type Module } from 'langium';
import {
  createDefaultModule, createDefaultSharedModule,
  type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices,
  type PartialLangiumServices,
} from 'langium/lsp';
import { ServescopeGeneratedModule, ServescopeGeneratedSharedModule } from './generated/module.js';
import { ServescopeLspModule } from './lsp/lsp-module.js';

/** Services servescope adds to Langium's (validators, engine bridge, ...). */
export type ServescopeAddedServices = Record<string, never>;

export type ServescopeServices = LangiumServices & ServescopeAddedServices;

export const ServescopeModule: Module<ServescopeServices, PartialLangiumServices & ServescopeAddedServices> = {};

export function createServescopeServices(context: DefaultSharedModuleContext): {
  shared: LangiumSharedServices;
  Servescope: ServescopeServices;
} {
  const shared = inject(createDefaultSharedModule(context), ServescopeGeneratedSharedModule);
  const Servescope = inject(createDefaultModule({ shared }), ServescopeGeneratedModule, ServescopeModule, ServescopeLspModule);
  shared.ServiceRegistry.register(Servescope);
  return { shared, Servescope };
}
