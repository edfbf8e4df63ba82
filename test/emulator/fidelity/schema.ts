/**
 * A small checker for the vendored OpenAPI schemas (test/fixtures/openapi/ringcentral-schemas.json,
 * its `origin` says where they come from): `type`, `properties`, `required`, `enum`, `items` and
 * `$ref` to another schema of the file, which is all those schemas use. It returns every
 * violation with its path, so a failing row says which field is off.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

interface Schema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean'
  readonly properties?: Readonly<Record<string, Schema>>
  readonly required?: readonly string[]
  readonly enum?: readonly string[]
  readonly items?: Schema
  readonly $ref?: string
}

const FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/openapi/ringcentral-schemas.json'
)
const SCHEMAS = (JSON.parse(readFileSync(FILE, 'utf8')) as { schemas: Record<string, Schema> })
  .schemas

export type SchemaName = keyof typeof SCHEMAS & string

function typeOk(type: NonNullable<Schema['type']>, v: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v)
    case 'array':
      return Array.isArray(v)
    case 'integer':
      return Number.isInteger(v)
    case 'number':
      return typeof v === 'number'
    default:
      return typeof v === type
  }
}

function check(schema: Schema, v: unknown, path: string, out: string[]): void {
  if (schema.$ref !== undefined) {
    const target = SCHEMAS[schema.$ref]
    if (target === undefined) out.push(`${path}: unknown schema ${schema.$ref}`)
    else check(target, v, path, out)
    return
  }
  if (schema.type !== undefined && !typeOk(schema.type, v)) {
    out.push(`${path}: expected ${schema.type}, got ${JSON.stringify(v)}`)
    return
  }
  if (schema.enum !== undefined && !schema.enum.includes(v as string)) {
    out.push(`${path}: ${JSON.stringify(v)} is not one of the spec's values`)
  }
  if (Array.isArray(v) && schema.items !== undefined) {
    v.forEach((item, i) => check(schema.items!, item, `${path}[${i}]`, out))
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>
    for (const key of schema.required ?? []) if (!(key in o)) out.push(`${path}.${key}: missing`)
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (o[key] !== undefined) check(sub, o[key], `${path}.${key}`, out)
    }
  }
}

/** Every way `value` breaks the named schema; empty when it conforms. */
export function violations(name: string, value: unknown): string[] {
  const schema = SCHEMAS[name]
  if (schema === undefined) return [`no schema ${name}`]
  const out: string[] = []
  check(schema, value, name, out)
  return out
}
