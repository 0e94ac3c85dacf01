/**
 * Runs the registered checks without Langium's per-node streams.
 * `DefaultDocumentValidator.validateAstNodes` walks `streamAst` and asks the
 * registry for a fresh stream of checks per node; on a 2,000-line document
 * that overhead is ~25 ms of a fresh CLI `check` (CPU profile, issue 2). Here
 * the nodes are visited in the same pre-order (children skipped when
 * `validateSingleNodeOptions` says so), each node's checks run in registry
 * order, the check lists are looked up once per node type, and a real
 * cancellation token is still checked before every node.
 */
import { Cancellation, DefaultDocumentValidator, interruptAndCheck, isAstNode } from 'langium';
import type { AstNode, ValidationAcceptor, ValidationCheck, ValidationOptions } from 'langium';

export class ServescopeDocumentValidator extends DefaultDocumentValidator {
  protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
    if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
    const checksByType = new Map<string, ValidationCheck[]>();
    const checksOf = (type: string): ValidationCheck[] => {
      let checks = checksByType.get(type);
      if (!checks) {
        checks = this.validationRegistry.getChecks(type, options.categories).toArray();
        checksByType.set(type, checks);
      }
      return checks;
    };
    const stack: AstNode[] = [rootNode];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (cancelToken !== Cancellation.CancellationToken.None) await interruptAndCheck(cancelToken);
      const nodeOptions = this.validateSingleNodeOptions(node, options);
      if (nodeOptions.validateNode) {
        for (const check of checksOf(node.$type)) await check(node, acceptor, cancelToken);
      }
      if (nodeOptions.validateChildren) {
        // Pushed in reverse so the first child (property order, then array order) is visited next.
        const children: AstNode[] = [];
        for (const key of Object.keys(node)) {
          if (key.startsWith('$')) continue;
          const value = (node as unknown as Record<string, unknown>)[key];
          if (isAstNode(value)) children.push(value);
          else if (Array.isArray(value)) for (const element of value) if (isAstNode(element)) children.push(element);
        }
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
    }
  }
}
