/**
 * The embedded RingCentral platform emulator with its simulated call centre (docs/emulator.md).
 * `startEmulator()` wires the transport platform (OAuth, REST pipeline, WebSocket gateway) to the
 * cast, the deterministic engine, the director and the call-centre REST, and returns what a client
 * needs to log in: server URL, app credentials and a ready JWT for the demo agent.
 */
import { isAccountEventFilter, publishAccountEvents } from './account-events'
import { createCast, DEFAULT_AGENTS, type Cast } from './callcentre/cast'
import { Director } from './callcentre/director'
import { Engine } from './callcentre/engine'
import type { Party } from './callcentre/model'
import { Projector } from './callcentre/project'
import type { Scenario } from './callcentre/scenario'
import type { ScenarioRun } from './callcentre/scenario-run'
import type { Timers } from './callcentre/scheduler'
import {
  createPlatform,
  DEFAULT_SCOPES,
  defaultValidateFilter,
  type Control,
  type FilterValidator,
  type Platform,
  type PlatformOptions
} from './platform'
import { registerCallCentreRoutes } from './rest'
import { hiddenPresenceVerdict } from './rest/presence-privacy'
import { resolveScenario } from './scenarios'
import { createVariety, type Variety, type VarietyOption } from './callcentre/variety'
import { startSipServer, type SipServer } from './sip'
import { parseFilter } from '../shared/filters'

export interface EmulatorOptions extends Omit<
  PlatformOptions,
  'directory' | 'accountRoutes' | 'seed'
> {
  /** Seeds the cast, the engine and the traffic (default 1). */
  readonly seed?: number | string
  /** Virtual seconds per wall-clock second for traffic and scenarios (default 1). */
  readonly speed?: number
  /** A built-in scenario name (`smoke`, `demo-shift`), a JSON file path, or a scenario object. */
  readonly scenario?: string | object
  /** Number of agents (default 12). */
  readonly agents?: number
  /** Random traffic; default: on unless a scenario is given. */
  readonly traffic?: boolean
  /** Timer seam for the director (tests). */
  readonly timers?: Timers
  /** Serve the SIP side (docs/emulator.md "SIP side"); default true. */
  readonly sip?: boolean
  /** TCP port of the SIP-over-WSS proxy on 127.0.0.1 (default 0: ephemeral). */
  readonly sipPort?: number
  /** Longest SIP registration granted, seconds (default 60). */
  readonly sipMaxExpires?: number
  /**
   * How often the oddities of real bodies appear (docs/emulator.md "Variety"): one rate for every
   * kind or one per kind, each in [0, 1]. Default: the scenario's, else DEFAULT_VARIETY_RATE; 0
   * gives exact, tidy bodies.
   */
  readonly variety?: VarietyOption
}

export interface Emulator {
  readonly url: string
  readonly port: number
  readonly clientId: string
  readonly clientSecret: string
  readonly accountId: string
  /** A ready JWT for the demo agent (`platform.login({ jwt })`). */
  readonly jwt: string
  readonly agentExtensionId: string
  readonly cast: Cast
  readonly engine: Engine
  readonly director: Director
  /** The running scenario, if one was given. */
  readonly scenario: ScenarioRun | undefined
  /** The platform's control (faults, tokens, rate limits, sockets). */
  readonly control: Control
  /** The SIP side, unless started with `sip: false`. */
  readonly sip: SipServer | undefined
  /** `wss://127.0.0.1:PORT` of the SIP side, or undefined. */
  readonly sipUrl: string | undefined
  readonly platform: Platform
  mintJwt(extensionId: string): string
  close(): Promise<void>
}

/**
 * The real filter parser first (clear "Invalid" for anything Ringside could not read back), then
 * the platform's account and permission rules.
 */
export const callCentreFilterValidator: FilterValidator = (filter, ctx) => {
  // DND and extension events, which the app does not read, are served by account-events.ts.
  if (isAccountEventFilter(filter)) return defaultValidateFilter(filter, ctx)
  const parsed = parseFilter(filter)
  if (!parsed.ok) {
    return {
      ok: false,
      reason: 'Invalid',
      message: `Invalid event filter [${filter}]: ${parsed.error.message}`
    }
  }
  return defaultValidateFilter(filter, ctx)
}

/**
 * A broken engine listener (the gateway's publisher) is a bug in the oracle every test trusts:
 * say so in the log, or on stderr when no one listens to the log, instead of swallowing it.
 */
type Log = NonNullable<PlatformOptions['log']>

const listenerFailed =
  (log: PlatformOptions['log']) =>
  (error: unknown): void => {
    if (log) log('engine.listener-failed', { error: String(error) })
    else process.stderr.write(`emulator: an engine listener failed: ${String(error)}\n`)
  }

/** The scenario to play, or undefined; a scenario that does not decode stops the start. */
function scenarioToPlay(scenario: EmulatorOptions['scenario']): Scenario | undefined {
  if (scenario === undefined) return undefined
  const resolved = resolveScenario(scenario)
  if (!resolved.ok) throw new Error(`bad scenario:\n${resolved.errors.join('\n')}`)
  return resolved.scenario
}

/**
 * The call centre's validator plus hidden presence, which needs the engine: the platform is built
 * before it, so the engine is looked up when a subscription is made (docs/platform.md#hidden-presence).
 */
function withHiddenPresence(engine: () => Engine | undefined): FilterValidator {
  return (filter, ctx) => {
    const verdict = callCentreFilterValidator(filter, ctx)
    if (!verdict.ok) return verdict
    const e = engine()
    return (e && hiddenPresenceVerdict(e, filter, ctx.extensionId)) ?? verdict
  }
}

/** The platform serves the cast and the call centre's own account routes. */
function platformOptionsFor(
  cast: Cast,
  platformOptions: PlatformOptions,
  engine: () => Engine | undefined
): PlatformOptions {
  return {
    validateFilter: withHiddenPresence(engine),
    defaultExtensionId: cast.demoAgent.id,
    ...platformOptions,
    // Favorites need ReadContacts/Contacts (docs/platform.md#favorites), which the platform's
    // defaults lack.
    // VoipCalling: SIP provision for the agent's own phone (docs/platform.md#sip-provision).
    client: {
      scopes: [...DEFAULT_SCOPES, 'ReadContacts', 'Contacts', 'VoipCalling'],
      ...platformOptions.client
    },
    // Not `seed`: a seeded platform derives its JWT signing key from it (platform/clock.ts), and
    // the call centre's determinism does not need replayable tokens.
    directory: cast,
    accountRoutes: false
  }
}

/** Every engine change goes out through the gateway, and each party change to the log. */
function publishChanges(engine: Engine, platform: Platform, log: Log, variety: Variety): void {
  const projector = new Projector(engine, variety)
  engine.onChanges((changes) => {
    platform.gateway.publish((sub) => projector.deliveries(sub, changes))
    for (const c of changes)
      if (c.kind === 'party') log('call.party', summary(c.party, c.session.sequence))
  })
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const {
    speed,
    scenario,
    agents,
    traffic,
    timers,
    sip,
    sipPort,
    sipMaxExpires,
    variety: varietyOption,
    ...platformOptions
  } = options
  const seed = options.seed ?? 1
  const story = scenarioToPlay(scenario)
  const variety = createVariety(seed, varietyOption ?? story?.variety)
  const cast = createCast({ seed, agents: agents ?? DEFAULT_AGENTS })
  const log = platformOptions.log ?? ((): void => undefined)
  const built: { engine?: Engine } = {}
  const platform = await createPlatform(
    platformOptionsFor(cast, platformOptions, () => built.engine)
  )
  const clock = platformOptions.clock
  const engine = new Engine(cast, {
    seed,
    now: clock === undefined ? Date.now : () => clock.now(),
    onListenerError: listenerFailed(platformOptions.log),
    variety
  })
  built.engine = engine
  publishChanges(engine, platform, log, variety)
  publishAccountEvents(engine, platform)
  const director = new Director(engine, {
    seed,
    speed: speed ?? 1,
    demoExtensionId: cast.demoAgent.id,
    log,
    ...(timers === undefined ? {} : { timers })
  })
  const phones: { sip?: SipServer } = {}
  registerCallCentreRoutes(
    platform.router,
    { engine, baseUrl: () => platform.url, phones: () => phones.sip?.calls },
    director,
    cast.demoAgent.id
  )
  const sipServer =
    sip === false
      ? undefined
      : await startSipServer({
          engine,
          router: platform.router,
          ...(sipPort === undefined ? {} : { port: sipPort }),
          ...(sipMaxExpires === undefined ? {} : { maxExpires: sipMaxExpires }),
          log
        }).catch(async (error: unknown) => {
          await platform.close()
          throw error
        })
  phones.sip = sipServer
  director.start()
  const run = story === undefined ? undefined : director.play(story)
  if (traffic ?? run === undefined) director.startTraffic()
  return emulatorOf(platform, { cast, engine, director, scenario: run, sip: sipServer })
}

/** The handle a client gets: the platform's endpoints and credentials, and the call centre. */
function emulatorOf(
  platform: Platform,
  parts: Pick<Emulator, 'cast' | 'engine' | 'director' | 'scenario' | 'sip'>
): Emulator {
  const { cast, director, sip } = parts
  return {
    url: platform.url,
    port: platform.port,
    clientId: platform.clientId,
    clientSecret: platform.clientSecret,
    accountId: cast.accountId,
    jwt: platform.mintJwt(cast.demoAgent.id),
    agentExtensionId: cast.demoAgent.id,
    ...parts,
    control: platform.control,
    sipUrl: sip?.url,
    platform,
    mintJwt: (extensionId: string): string => platform.mintJwt(extensionId),
    close: async (): Promise<void> => {
      director.close()
      await sip?.close()
      await platform.close()
    }
  }
}

function summary(p: Party, sequence: number): Record<string, unknown> {
  return {
    telephonySessionId: p.telephonySessionId,
    partyId: p.id,
    sequence,
    extensionId: p.extensionId,
    code: p.status.code,
    ...(p.status.reason === undefined ? {} : { reason: p.status.reason })
  }
}
