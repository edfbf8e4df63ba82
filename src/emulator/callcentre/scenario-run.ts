/**
 * Plays a decoded scenario on the engine through the virtual-time scheduler. Steps refer to calls
 * by label and to people by reference (`@demo`, `@line2`, `@fav1`, `@agent3`, `@supervisor`, an
 * extension number); a label follows its call into the new session after a pickup from park.
 * A step that cannot apply (wrong state, unknown reference) is recorded in `errors` and skipped.
 */
import type { Engine } from './engine'
import type { TransferTarget } from './flows-transfer'
import type { Outcome, Party } from './model'
import type { Scenario, Step } from './scenario'
import type { Scheduler } from './scheduler'

export interface ScenarioRun {
  readonly name: string
  /** Resolves after the last step (never, for a repeating scenario, until stopped). */
  readonly done: Promise<void>
  readonly errors: ReadonlyArray<string>
  /** Label → current telephonySessionId. */
  calls(): Readonly<Record<string, string>>
  stop(): void
}

export interface PlayOptions {
  readonly demoExtensionId: string
  /** Told about every session the scenario creates (the traffic reaper leaves them alone). */
  readonly onSession?: (telephonySessionId: string) => void
  readonly log?: (event: string, detail: Readonly<Record<string, unknown>>) => void
}

const DEFAULT_CALLER = { name: 'Dana Whitfield', phoneNumber: '+14155550123' }

export function resolveRef(engine: Engine, demo: string, ref: string): string | undefined {
  const cast = engine.cast
  if (ref === '@demo') return demo
  if (ref === '@supervisor') return cast.supervisor.id
  const m = /^@(line|fav|agent)(\d+)$/.exec(ref)
  if (m !== null) {
    const i = Number(m[2]) - 1
    if (m[1] === 'agent') return cast.agents[i]?.id
    const list = m[1] === 'line' ? engine.lines(demo) : engine.favorites(demo)
    return list.filter((id) => cast.findExtension(id)?.type === 'User')[i]
  }
  return cast.byNumber(ref)?.id
}

/** What the steps of one run share: who the references name, and which call each label is now. */
interface RunContext {
  readonly engine: Engine
  readonly demo: string
  readonly onSession: PlayOptions['onSession']
  readonly log: NonNullable<PlayOptions['log']>
  /** The steps that could not apply, with why. */
  readonly errors: string[]
  /** Label → current telephonySessionId (a repeat starts afresh). */
  labels: Record<string, string>
  /** Label → the session of the consultation it started, for `complete`. */
  consults: Record<string, string>
}

function ref(c: RunContext, r: string): string {
  const id = resolveRef(c.engine, c.demo, r)
  if (id === undefined) throw new Error(`unknown reference ${r}`)
  return id
}

function sid(c: RunContext, label: string): string {
  const id = c.labels[label]
  if (id === undefined) throw new Error(`no call labelled "${label}" yet`)
  return id
}

function track(c: RunContext, label: string, id: string): void {
  c.labels[label] = id
  c.onSession?.(id)
}

/** The live leg of the labelled call that `by` has (or that has `code`), else the current one. */
function legOf(c: RunContext, label: string, by?: string, code?: Party['status']['code']): Party {
  const s = sid(c, label)
  const ext = by === undefined ? undefined : ref(c, by)
  const leg = c.engine.legFor(s, ext, code)
  if (leg === undefined)
    throw new Error(`call "${label}" has no matching leg${by ? ` for ${by}` : ''}`)
  return leg
}

function check<T>(out: Outcome<T>): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

/** `check` for a step whose outcome carries nothing the run keeps. */
function ensure(out: Outcome<unknown>): void {
  check(out)
}

function transferTarget(c: RunContext, step: Extract<Step, { do: 'transfer' }>): TransferTarget {
  if (step.to !== undefined) return { kind: 'extension', extensionId: ref(c, step.to) }
  if (step.voicemail !== undefined)
    return { kind: 'voicemail', extensionId: ref(c, step.voicemail) }
  return { kind: 'phone', phoneNumber: step.phoneNumber ?? '' }
}

/** Kept as one switch: one short case per step kind, and the compiler checks every kind is here. */
function runStep(c: RunContext, step: Step): void {
  const { engine } = c
  switch (step.do) {
    case 'inbound': {
      const ring = step.ring.map((r) => ref(c, r))
      const s = check(engine.inboundCall({ caller: step.from ?? DEFAULT_CALLER, ring }))
      return track(c, step.call, s.telephonySessionId)
    }
    case 'direct': {
      const s = check(engine.directCall(ref(c, step.from), ref(c, step.to)))
      return track(c, step.call, s.telephonySessionId)
    }
    case 'answer':
      return ensure(engine.answer(legOf(c, step.call, step.by, 'Proceeding').id))
    case 'hold':
      return ensure(engine.hold(legOf(c, step.call, step.by).id))
    case 'unhold':
      return ensure(engine.unhold(legOf(c, step.call, step.by, 'Hold').id))
    case 'park':
      return ensure(engine.park(legOf(c, step.call, step.by).id, step.orbit))
    case 'pickup': {
      const leg = legOf(c, step.call, undefined, 'Parked')
      return track(c, step.call, check(engine.pickup(leg.id, ref(c, step.by))).telephonySessionId)
    }
    case 'transfer': {
      const leg = legOf(c, step.call, step.by)
      return ensure(engine.transfer(leg.id, transferTarget(c, step)))
    }
    case 'consult': {
      const target = check(engine.consult(legOf(c, step.call).id, ref(c, step.to)))
      c.consults[step.call] = target.telephonySessionId
      return track(c, step.as ?? `${step.call}:consult`, target.telephonySessionId)
    }
    case 'complete': {
      const consultSid = c.consults[step.call]
      if (consultSid === undefined) throw new Error(`call "${step.call}" has no consultation`)
      return ensure(engine.completeConsult(consultSid))
    }
    case 'miss':
      return ensure(engine.miss(sid(c, step.call)))
    case 'drop':
      return ensure(engine.drop(legOf(c, step.call, step.by).id))
    case 'hangup':
      return ensure(engine.endSession(sid(c, step.call), true))
    case 'presence': {
      const { ext, at: _at, do: _do, ...patch } = step
      return ensure(engine.setPresence(ref(c, ext), patch))
    }
  }
}

function newRun(engine: Engine, options: PlayOptions): RunContext {
  return {
    engine,
    demo: options.demoExtensionId,
    onSession: options.onSession,
    log: options.log ?? ((): void => undefined),
    errors: [],
    labels: {},
    consults: {}
  }
}

/** A step that cannot apply is recorded and skipped; the run goes on. */
function attempt(c: RunContext, scenario: string, step: Step, i: number): void {
  try {
    runStep(c, step)
    c.log('scenario.step', { scenario, index: i, do: step.do })
  } catch (e) {
    const message = `steps[${i}] (${step.do} at ${step.at}s): ${e instanceof Error ? e.message : String(e)}`
    c.errors.push(message)
    c.log('scenario.error', { scenario, message })
  }
}

export function playScenario(
  engine: Engine,
  scheduler: Scheduler,
  scenario: Scenario,
  options: PlayOptions
): ScenarioRun {
  const c = newRun(engine, options)
  const cancels: Array<() => void> = []
  let finish: () => void = () => undefined
  const done = new Promise<void>((resolve) => (finish = resolve))

  /** After the last step: done, or start again with fresh labels after `repeatAfter`. */
  const afterLast = (): void => {
    if (scenario.repeatAfter === undefined) return finish()
    cancels.push(
      scheduler.after(scenario.repeatAfter * 1000, () => {
        c.labels = {}
        c.consults = {}
        schedule()
      })
    )
  }
  const schedule = (): void => {
    const steps = scenario.steps
    steps.forEach((step, i) => {
      const cancel = scheduler.after(step.at * 1000, () => {
        attempt(c, scenario.name, step, i)
        if (i === steps.length - 1) afterLast()
      })
      cancels.push(cancel)
    })
    if (steps.length === 0) finish()
  }
  schedule()

  return {
    name: scenario.name,
    done,
    errors: c.errors,
    calls: () => ({ ...c.labels }),
    stop: (): void => {
      for (const cancel of cancels.splice(0)) cancel()
      finish()
    }
  }
}
