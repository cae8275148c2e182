/**
 * A small field reader for kong.yml entities and plugin configs: every field the local gateway does not
 * implement, or implements only for some values, is reported by name instead of being ignored.
 */
export type FieldKind = 'boolean' | 'integer' | 'number' | 'string' | 'strings' | 'integers' | 'object' | 'array' | 'any';

export interface FieldSpec {
  kind: FieldKind;
  default?: unknown;
  /** Values the local gateway implements (others are refused as unsupported). */
  oneOf?: readonly unknown[];
  min?: number;
  max?: number;
}

export type Spec = Record<string, FieldSpec>;

/** Collects every problem of a file so one start-up failure lists them all. */
export class Problems {
  readonly list: string[] = [];

  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }

  unsupported(where: string, what: string): void {
    this.add(where, `${what} is not supported by the local gateway`);
  }

  /** A whole entity (e.g. `plugin "acl" on route "x"`) the local gateway does not implement. */
  unsupportedEntity(where: string): void {
    this.list.push(`${where} is not supported by the local gateway`);
  }
}

function kindMatches(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'integers':
      return Array.isArray(value) && value.every((item) => Number.isInteger(item));
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'any':
      return true;
  }
}

const KIND_TEXT: Record<FieldKind, string> = {
  boolean: 'a boolean',
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  strings: 'a list of strings',
  integers: 'a list of integers',
  object: 'an object',
  array: 'a list',
  any: 'a value',
};

function isUnset(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `raw` against `spec`: defaults for absent (or null) fields, a problem for each unknown field, wrong
 * type, out-of-range number or value outside `oneOf`. Returns the fields with defaults applied.
 */
export function readFields(raw: unknown, spec: Spec, where: string, problems: Problems): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (raw === undefined || raw === null) raw = {};
  if (!isObject(raw)) {
    problems.add(where, 'must be an object');
    return Object.fromEntries(Object.entries(spec).map(([name, field]) => [name, field.default]));
  }
  for (const [name, value] of Object.entries(raw)) {
    // A field left at Kong's "unset" (null, an empty list or object), as rendered files spell it out, changes nothing.
    if (!(name in spec) && !isUnset(value)) problems.unsupported(where, `field "${name}"`);
  }
  for (const [name, field] of Object.entries(spec)) {
    const value = raw[name];
    if (value === undefined || value === null) {
      result[name] = field.default;
      continue;
    }
    if (!kindMatches(field.kind, value)) {
      problems.add(where, `${name} must be ${KIND_TEXT[field.kind]} (got ${JSON.stringify(value)})`);
      result[name] = field.default;
      continue;
    }
    if (
      typeof value === 'number' &&
      ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))
    ) {
      problems.add(where, `${name} must be between ${field.min ?? '-∞'} and ${field.max ?? '∞'} (got ${value})`);
    }
    if (field.oneOf && !field.oneOf.includes(value)) {
      problems.unsupported(
        where,
        `${name}=${JSON.stringify(value)} (supported: ${field.oneOf.map((v) => JSON.stringify(v)).join(', ')})`,
      );
    }
    result[name] = value;
  }
  return result;
}
