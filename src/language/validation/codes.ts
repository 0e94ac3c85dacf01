/**
 * Stable diagnostic codes. Every diagnostic servescope reports carries one of
 * these (the LSP `code`, the CLI's fourth column); quick fixes and tests key on
 * them, so a code is never renamed or reused for another meaning.
 */
export const DiagnosticCodes = {
  syntaxError: 'the text does not parse (Langium lexing or parsing error)',
  unresolvedName: 'a name does not resolve to an element of this document, its imports or the library',
  unknownUnit: 'a number has a unit servescope does not know',
  wrongDimension: 'a number has a unit of the wrong kind for its field (GB where GB/s is expected)',
  nonPositive: 'a count or size is zero or negative where it must be positive',
  notInteger: 'a count (layers, GPUs, heads) is not a whole number',
  absurdValue: 'a value is far outside what any real system has (1e12 layers, 50% of 0 GPUs)',
  duplicateName: 'two elements of the same kind share a name in one document',
  duplicateField: 'a field is given twice in one block; the last one wins',
  unresolvedImport: 'an imported file cannot be found',
  missingField: 'a required field is missing (a GPU without memory, a model without layers)',
  inheritanceCycle: 'an element extends itself, directly or through others',
  hfConfigNotFound: 'a Hugging Face config.json named by `from` cannot be read',
  hfConfigInvalid: 'a Hugging Face config.json lacks a field servescope needs or has an unknown architecture',
  attentionFieldsMismatch: 'attention fields do not belong to the attention kind (q_rank on a GQA model)',
  gpuTierNotScaleup: 'a gpu block may only describe its own scale-up link',
  tierDomainOrder: 'interconnect tiers must be listed innermost first, each spanning more GPUs than the one inside it',
  missingScaleout: 'a cluster spans more GPUs than its largest interconnect tier; a scale-out tier is assumed',
  poolsMismatch: 'a deployment needs either one aggregated pool, or one prefill and one decode pool',
  layoutMismatch: 'gpus differs from tp x attention_dp x pp, or ep does not divide a stage',
  tpNotDividingHeads: 'tensor parallelism does not divide the attention heads',
  expertsNotDivisibleByEp: 'the routed experts cannot be spread evenly over the expert-parallel GPUs',
  epWithoutExperts: 'expert parallelism is set on a model without routed experts',
  tooManyGpus: 'a placement needs more GPUs than the cluster has',
  afdGroupsMismatch: 'the attention and FFN groups of an AFD decode pool do not add up',
  memoryDoesNotFit: 'weights plus the KV cache of one sequence do not fit in GPU memory',
  dtypeNotSupported: 'the GPU has no native tensor-core rate for a precision used',
  exploreSpaceTooLarge: 'an explore block spans more candidate placements than its stated limit',
  pipelineTooDeep: 'pipeline parallelism has more stages than the model has layers',
} as const;

export type DiagnosticCode = keyof typeof DiagnosticCodes;

/**
 * The `data` of a servescope diagnostic (LSP `Diagnostic.data`, kept between
 * publishDiagnostics and codeAction): always `code`, plus what a quick fix
 * needs for some codes:
 *  - unknownUnit: `replacement` (the unit probably meant, if any) and `units` (valid units of the field's dimension);
 *  - wrongDimension: `units` and `missingUnit` (true when the number has no unit: insert one after it);
 *  - missingField: `field` and `insert` (a line to add, e.g. `layers 80`);
 *  - tpNotDividingHeads, expertsNotDivisibleByEp: `values` (degrees that would divide, within the pool's GPUs).
 */
export interface DiagnosticFixData {
  code: DiagnosticCode;
  replacement?: string;
  units?: string[];
  missingUnit?: boolean;
  field?: string;
  insert?: string;
  values?: number[];
}
