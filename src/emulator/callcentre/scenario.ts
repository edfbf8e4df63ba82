/**
 * Scenario files: an exact story of timed steps (docs/emulator.md "Scenarios"). Decoded in two
 * passes so a bad file gets one precise message per problem, with its path:
 * `steps[3].by: expected an extension reference ("@line1", "@demo", "104"), got 42`.
 */
import { readFileSync } from 'node:fs'
import * as t from 'io-ts'
import { isRight } from 'fp-ts/lib/Either.js'
import { formatPath } from '../../shared/events'
import { VARIETY_KINDS, type VarietyKind, type VarietyOption } from './variety'

/** `@demo`, `@supervisor`, `@lineN`, `@favN`, `@agentN` or an extension number. */
export const Ref = new t.Type<string, string, unknown>(
  'an extension reference ("@line1", "@demo", "104")',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && /^(@demo|@supervisor|@(line|fav|agent)[1-9]\d*|\d{2,6})$/.test(u)
      ? t.success(u)
      : t.failure(u, c),
  t.identity
)
const Label = t.string
const Seconds = t.refinement(
  t.number,
  (n) => Number.isFinite(n) && n >= 0,
  'seconds (a number ≥ 0)'
)
const Caller = t.intersection([t.type({ phoneNumber: t.string }), t.partial({ name: t.string })])
const E164 = t.refinement(
  t.string,
  (s) => /^\+\d{8,15}$/.test(s),
  'an E.164 number ("+14155550123")'
)

const STEP_CODECS = {
  inbound: t.intersection([
    t.type({ call: Label, ring: t.array(Ref) }),
    t.partial({ from: Caller })
  ]),
  direct: t.type({ call: Label, from: Ref, to: Ref }),
  answer: t.type({ call: Label, by: Ref }),
  hold: t.intersection([t.type({ call: Label }), t.partial({ by: Ref })]),
  unhold: t.intersection([t.type({ call: Label }), t.partial({ by: Ref })]),
  park: t.intersection([t.type({ call: Label }), t.partial({ by: Ref, orbit: t.string })]),
  pickup: t.type({ call: Label, by: Ref }),
  transfer: t.intersection([
    t.type({ call: Label }),
    t.partial({ to: Ref, voicemail: Ref, phoneNumber: E164, by: Ref })
  ]),
  consult: t.intersection([t.type({ call: Label, to: Ref }), t.partial({ as: Label })]),
  complete: t.type({ call: Label }),
  miss: t.type({ call: Label }),
  drop: t.intersection([t.type({ call: Label }), t.partial({ by: Ref })]),
  hangup: t.type({ call: Label }),
  presence: t.intersection([
    t.type({ ext: Ref }),
    t.partial({
      userStatus: t.keyof({ Available: null, Busy: null, Offline: null }),
      dndStatus: t.keyof({
        TakeAllCalls: null,
        DoNotAcceptDepartmentCalls: null,
        TakeDepartmentCallsOnly: null,
        DoNotAcceptAnyCalls: null
      }),
      message: t.string
    })
  ])
} as const

export type StepKind = keyof typeof STEP_CODECS
export type Step = {
  [K in StepKind]: { readonly do: K; readonly at: number } & t.TypeOf<(typeof STEP_CODECS)[K]>
}[StepKind]

export interface Scenario {
  readonly name: string
  readonly description?: string
  /** Start again this many seconds after the last step (labels start fresh). */
  readonly repeatAfter?: number
  /** The variety rate(s) to play it with (docs/emulator.md "Variety"); the option wins. */
  readonly variety?: VarietyOption
  readonly steps: ReadonlyArray<Step>
}

const Rate = t.refinement(t.number, (n) => n >= 0 && n <= 1, 'a rate (a number in [0, 1])')
const Rates = t.exact(
  t.partial(
    Object.fromEntries(VARIETY_KINDS.map((k) => [k, Rate])) as Record<VarietyKind, typeof Rate>
  )
)
const Head = t.intersection([
  t.type({ name: t.string, steps: t.array(t.unknown) }),
  t.partial({ description: t.string, repeatAfter: Seconds, variety: t.union([Rate, Rates]) })
])
const StepHead = t.type({ at: Seconds, do: t.keyof(STEP_CODECS) })

export type ScenarioResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: ReadonlyArray<string> }

function describe(u: unknown): string {
  if (u === undefined) return 'nothing'
  const s = JSON.stringify(u)
  return s.length > 50 ? `${s.slice(0, 47)}…` : s
}

function report(prefix: string, errors: t.Errors): string[] {
  const out = new Set<string>()
  for (const e of errors) {
    const inner = formatPath(e.context)
    const path =
      inner === '(root)'
        ? prefix
        : prefix === ''
          ? inner
          : inner.startsWith('[')
            ? prefix + inner
            : `${prefix}.${inner}`
    const leaf = e.context[e.context.length - 1]?.type.name ?? 'value'
    out.add(`${path === '' ? '(root)' : path}: expected ${leaf}, got ${describe(e.value)}`)
  }
  return [...out]
}

export function decodeScenario(u: unknown): ScenarioResult {
  const head = Head.decode(u)
  if (!isRight(head)) return { ok: false, errors: report('', head.left) }
  const errors: string[] = []
  const steps: Step[] = []
  head.right.steps.forEach((raw, i) => {
    const at = `steps[${i}]`
    const h = StepHead.decode(raw)
    if (!isRight(h)) {
      errors.push(...report(at, h.left))
      return
    }
    const codec: t.Decoder<unknown, unknown> = STEP_CODECS[h.right.do]
    const body = codec.decode(raw)
    if (!isRight(body)) {
      errors.push(...report(at, body.left))
      return
    }
    if (h.right.do === 'transfer') {
      const r = raw as Record<string, unknown>
      const n = ['to', 'voicemail', 'phoneNumber'].filter((k) => r[k] !== undefined).length
      if (n !== 1) errors.push(`${at}: give exactly one of to, voicemail, phoneNumber`)
    }
    // The codec chosen by `do` checked the body, so the pairing of `do` and fields holds.
    steps.push({ ...(body.right as object), at: h.right.at, do: h.right.do } as Step)
  })
  if (errors.length > 0) return { ok: false, errors }
  const sorted = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i)
  return { ok: true, scenario: { ...head.right, steps: sorted.map((x) => x.s) } }
}

/** Reads and decodes a scenario file; errors name the file. */
export function loadScenario(file: string): ScenarioResult {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    return {
      ok: false,
      errors: [`${file}: cannot read (${e instanceof Error ? e.message : String(e)})`]
    }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return {
      ok: false,
      errors: [`${file}: not JSON (${e instanceof Error ? e.message : String(e)})`]
    }
  }
  const r = decodeScenario(json)
  return r.ok ? r : { ok: false, errors: r.errors.map((m) => `${file}: ${m}`) }
}
