/**
 * Plays a decoded scenario on the engine through the virtual-time scheduler. Steps refer to calls
 * by label and to people by reference (`@demo`, `@line2`, `@fav1`, `@agent3`, `@supervisor`, an
 * extension number); a label follows its call into the new session after a pickup from park.
 * A step that cannot apply (wrong state, unknown reference) is recorded in `errors` and skipped.
 */
import type { Engine } from './engine'
import type { Outcome, Party } from './model'
import { isLive } from './model'
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

export function playScenario(
  engine: Engine,
  scheduler: Scheduler,
  scenario: Scenario,
  options: PlayOptions
): ScenarioRun {
  let labels: Record<string, string> = {}
  let consults: Record<string, string> = {}
  const errors: string[] = []
  const cancels: Array<() => void> = []
  let finish: () => void = () => undefined
  const done = new Promise<void>((resolve) => (finish = resolve))
  const log = options.log ?? ((): void => undefined)

  const ref = (r: string): string => {
    const id = resolveRef(engine, options.demoExtensionId, r)
    if (id === undefined) throw new Error(`unknown reference ${r}`)
    return id
  }
  const sid = (label: string): string => {
    const id = labels[label]
    if (id === undefined) throw new Error(`no call labelled "${label}" yet`)
    return id
  }
  const track = (label: string, id: string): void => {
    labels[label] = id
    options.onSession?.(id)
  }
  const legOf = (label: string, by?: string, code?: Party['status']['code']): Party => {
    const s = sid(label)
    const ext = by === undefined ? undefined : ref(by)
    const leg =
      ext === undefined && code === undefined
        ? engine.currentLeg(s)
        : engine
            .parties(s)
            .find(
              (p) =>
                isLive(p) &&
                (ext === undefined || p.extensionId === ext) &&
                (code === undefined || p.status.code === code)
            )
    if (leg === undefined)
      throw new Error(`call "${label}" has no matching leg${by ? ` for ${by}` : ''}`)
    return leg
  }
  const check = <T>(out: Outcome<T>): T => {
    if (!out.ok) throw new Error(out.error.message)
    return out.value
  }

  const run = (step: Step): void => {
    switch (step.do) {
      case 'inbound': {
        const s = check(
          engine.inboundCall({ caller: step.from ?? DEFAULT_CALLER, ring: step.ring.map(ref) })
        )
        return track(step.call, s.telephonySessionId)
      }
      case 'direct':
        return track(
          step.call,
          check(engine.directCall(ref(step.from), ref(step.to))).telephonySessionId
        )
      case 'answer':
        check(engine.answer(legOf(step.call, step.by, 'Proceeding').id))
        return
      case 'hold':
        check(engine.hold(legOf(step.call, step.by).id))
        return
      case 'unhold':
        check(engine.unhold(legOf(step.call, step.by, 'Hold').id))
        return
      case 'park':
        check(engine.park(legOf(step.call, step.by).id, step.orbit))
        return
      case 'pickup': {
        const picked = check(engine.pickup(legOf(step.call, undefined, 'Parked').id, ref(step.by)))
        return track(step.call, picked.telephonySessionId)
      }
      case 'transfer': {
        const leg = legOf(step.call, step.by)
        const target =
          step.to !== undefined
            ? ({ kind: 'extension', extensionId: ref(step.to) } as const)
            : step.voicemail !== undefined
              ? ({ kind: 'voicemail', extensionId: ref(step.voicemail) } as const)
              : ({ kind: 'phone', phoneNumber: step.phoneNumber ?? '' } as const)
        check(engine.transfer(leg.id, target))
        return
      }
      case 'consult': {
        const target = check(engine.consult(legOf(step.call).id, ref(step.to)))
        consults[step.call] = target.telephonySessionId
        return track(step.as ?? `${step.call}:consult`, target.telephonySessionId)
      }
      case 'complete': {
        const consultSid = consults[step.call]
        if (consultSid === undefined) throw new Error(`call "${step.call}" has no consultation`)
        check(engine.completeConsult(consultSid))
        return
      }
      case 'miss':
        check(engine.miss(sid(step.call)))
        return
      case 'drop':
        check(engine.drop(legOf(step.call, step.by).id))
        return
      case 'hangup':
        check(engine.endSession(sid(step.call), true))
        return
      case 'presence': {
        const { ext, at: _at, do: _do, ...patch } = step
        check(engine.setPresence(ref(ext), patch))
        return
      }
    }
  }

  const schedule = (): void => {
    const steps = scenario.steps
    steps.forEach((step, i) => {
      const cancel = scheduler.after(step.at * 1000, () => {
        try {
          run(step)
          log('scenario.step', { scenario: scenario.name, index: i, do: step.do })
        } catch (e) {
          const message = `steps[${i}] (${step.do} at ${step.at}s): ${e instanceof Error ? e.message : String(e)}`
          errors.push(message)
          log('scenario.error', { scenario: scenario.name, message })
        }
        if (i !== steps.length - 1) return
        if (scenario.repeatAfter === undefined) return finish()
        cancels.push(
          scheduler.after(scenario.repeatAfter * 1000, () => {
            labels = {}
            consults = {}
            schedule()
          })
        )
      })
      cancels.push(cancel)
    })
    if (steps.length === 0) finish()
  }
  schedule()

  return {
    name: scenario.name,
    done,
    errors,
    calls: () => ({ ...labels }),
    stop: (): void => {
      for (const c of cancels.splice(0)) c()
      finish()
    }
  }
}
