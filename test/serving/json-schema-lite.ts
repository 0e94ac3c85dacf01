/**
 * A minimal JSON Schema checker for the subset schema/estimate.schema.json
 * uses (type, const, enum, required, properties, items, minimum, minLength,
 * local $ref into $defs), so the schema test needs no dependency.
 * Returns the list of problems, each with its JSON path.
 */
type Schema = Record<string, unknown>;

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    default: throw new Error(`unsupported type ${type}`);
  }
}

export function validate(root: Schema, value: unknown): string[] {
  const problems: string[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/(\w+)$/.exec(ref);
    if (!m) throw new Error(`unsupported $ref ${ref}`);
    const def = (root.$defs as Record<string, Schema>)[m[1]!];
    if (!def) throw new Error(`unknown $ref ${ref}`);
    return def;
  };
  const check = (s: Schema, v: unknown, path: string): void => {
    if (typeof s.$ref === 'string') return check(resolve(s.$ref), v, path);
    if ('const' in s && v !== s.const) problems.push(`${path}: expected ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.includes(v as never)) problems.push(`${path}: ${JSON.stringify(v)} not in ${JSON.stringify(s.enum)}`);
    if (typeof s.type === 'string' && !typeOk(s.type, v)) { problems.push(`${path}: expected ${s.type}, got ${JSON.stringify(v)}`); return; }
    if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) problems.push(`${path}: ${v} < ${s.minimum}`);
    if (typeof s.minLength === 'number' && typeof v === 'string' && v.length < s.minLength) problems.push(`${path}: shorter than ${s.minLength}`);
    if (Array.isArray(s.required) && typeof v === 'object' && v !== null) {
      for (const k of s.required as string[]) if (!(k in v)) problems.push(`${path}: missing ${k}`);
    }
    if (s.properties && typeof v === 'object' && v !== null) {
      for (const [k, sub] of Object.entries(s.properties as Record<string, Schema>)) {
        const field = (v as Record<string, unknown>)[k];
        if (field !== undefined) check(sub, field, `${path}.${k}`);
      }
    }
    if (s.items && Array.isArray(v)) v.forEach((item, i) => check(s.items as Schema, item, `${path}[${i}]`));
  };
  check(root, value, '$');
  return problems;
}
