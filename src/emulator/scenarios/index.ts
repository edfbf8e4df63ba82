/**
 * Built-in scenarios shipped beside this file: `smoke` (short, for tests) and `demo-shift` (the
 * rich default story). `--scenario` accepts one of these names or a path to a JSON file.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decodeScenario, loadScenario, type ScenarioResult } from '../callcentre/scenario'

export const SCENARIO_DIR = dirname(fileURLToPath(import.meta.url))
export const BUILTIN_SCENARIOS = ['smoke', 'demo-shift'] as const

/** A built-in name, a path to a scenario file, or an already parsed scenario object. */
export function resolveScenario(spec: string | object): ScenarioResult {
  if (typeof spec !== 'string') return decodeScenario(spec)
  if ((BUILTIN_SCENARIOS as ReadonlyArray<string>).includes(spec)) {
    return loadScenario(join(SCENARIO_DIR, `${spec}.json`))
  }
  const file = resolve(spec)
  if (!existsSync(file)) {
    return {
      ok: false,
      errors: [
        `scenario "${spec}": no such file, and not a built-in (${BUILTIN_SCENARIOS.join(', ')})`
      ]
    }
  }
  return loadScenario(file)
}
