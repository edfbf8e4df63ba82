/**
 * Plays the call centre over time: random traffic (traffic.ts) and/or a scenario (scenario-run.ts),
 * on one virtual-time scheduler with a `speed` factor, pausable as a whole.
 */
import type { Engine } from './engine'
import type { Scenario } from './scenario'
import { playScenario, type ScenarioRun } from './scenario-run'
import { realTimers, Scheduler, type Timers } from './scheduler'
import { Traffic } from './traffic'

export interface DirectorOptions {
  readonly seed: number | string
  /** Virtual seconds per wall-clock second (default 1). */
  readonly speed?: number
  readonly timers?: Timers
  /** The agent whose monitored lines the opening and `@lineN` references use. */
  readonly demoExtensionId: string
  readonly log?: (event: string, detail: Readonly<Record<string, unknown>>) => void
}

export interface DirectorState {
  readonly paused: boolean
  readonly speed: number
  readonly traffic: boolean
  readonly scenarios: ReadonlyArray<{
    readonly name: string
    readonly errors: ReadonlyArray<string>
  }>
  /** Virtual seconds since start. */
  readonly clock: number
}

export class Director {
  readonly scheduler: Scheduler
  private readonly traffic: Traffic
  private readonly runs: ScenarioRun[] = []
  private readonly log: NonNullable<DirectorOptions['log']>

  constructor(
    private readonly engine: Engine,
    private readonly options: DirectorOptions
  ) {
    this.log = options.log ?? ((): void => undefined)
    this.scheduler = new Scheduler(options.speed ?? 1, options.timers ?? realTimers, (e) =>
      this.log('director.error', { error: e instanceof Error ? e.message : String(e) })
    )
    this.traffic = new Traffic(engine, this.scheduler, options.seed, options.demoExtensionId)
  }

  /** Starts the clock (stories only advance while it runs). */
  start(): void {
    this.scheduler.start()
  }

  /** Random traffic; `opening` first puts a ringing, a held and a parked call on the demo board. */
  startTraffic(opening = true): void {
    this.traffic.start(opening)
  }

  stopTraffic(): void {
    this.traffic.stop()
  }

  play(scenario: Scenario): ScenarioRun {
    const run = playScenario(this.engine, this.scheduler, scenario, {
      demoExtensionId: this.options.demoExtensionId,
      onSession: (sid) => this.traffic.protectedSessions.add(sid),
      log: this.log
    })
    this.runs.push(run)
    return run
  }

  stopScenarios(): void {
    for (const run of this.runs.splice(0)) run.stop()
  }

  pause(): void {
    this.scheduler.pause()
  }

  resume(): void {
    this.scheduler.start()
  }

  setSpeed(speed: number): void {
    this.scheduler.setSpeed(speed)
  }

  state(): DirectorState {
    return {
      paused: this.scheduler.paused,
      speed: this.scheduler.speed,
      traffic: this.traffic.running,
      scenarios: this.runs.map((r) => ({ name: r.name, errors: r.errors })),
      clock: this.scheduler.now() / 1000
    }
  }

  close(): void {
    this.traffic.stop()
    this.stopScenarios()
    this.scheduler.close()
  }
}
