/**
 * The people and numbers of the simulated call centre, derived from a seed: one account, N agents, a
 * supervisor, the "Support Queue" (a Department extension whose members are the agents), a park
 * location with its orbits, and per agent a monitored-lines list, favorites and devices.
 * Implements the platform's `AccountDirectory`, so OAuth logins and `~` resolution see the same people.
 */
import type { AccountDirectory, Ext } from '../platform/directory'
import { emailOf, fullName, STAFF_NAMES, SUPERVISOR_NAME, type PersonName } from './names'
import { createRng, type Rng } from './random'

/** Device types of `GET …/extension/~/device` (docs/platform.md#devices). */
export type DeviceType = 'WebPhone' | 'SoftPhone' | 'HardPhone' | 'OtherPhone'

export interface Device {
  readonly id: string
  readonly type: DeviceType
  readonly name: string
  readonly status: 'Online' | 'Offline'
  readonly extensionId: string
}

export interface CastExtension extends Ext {
  readonly firstName?: string
  readonly lastName?: string
  readonly email?: string
  /** Direct number (E.164); queue and park location have the company's numbers. */
  readonly phoneNumber?: string
  readonly devices: ReadonlyArray<Device>
}

export interface Cast extends AccountDirectory {
  readonly seed: number | string
  readonly domain: string
  readonly agents: ReadonlyArray<CastExtension>
  readonly supervisor: CastExtension
  readonly queue: CastExtension
  readonly parkLocation: CastExtension
  /**
   * Park orbits `*801`…`*850` (docs/platform.md#call-control-endpoints: `*801`…`*899`, at most 50
   * parked calls).
   */
  readonly parkOrbits: ReadonlyArray<string>
  /** The agent the demo JWT logs in as. */
  readonly demoAgent: CastExtension
  /** Initial monitored lines and favorites per user extension (extension ids, in display order). */
  readonly lines: ReadonlyMap<string, ReadonlyArray<string>>
  readonly favorites: ReadonlyMap<string, ReadonlyArray<string>>
  findExtension(id: string): CastExtension | undefined
  extensions(): ReadonlyArray<CastExtension>
  byNumber(extensionNumber: string): CastExtension | undefined
  findDevice(deviceId: string): Device | undefined
  /** The device the platform rings for this extension (its first Online device). */
  primaryDevice(extensionId: string): Device | undefined
}

export interface CastOptions {
  readonly seed?: number | string
  readonly agents?: number
}

export const DEFAULT_AGENTS = 12
/** Enough for a large floor (the UI is measured with 1,000 lines), small enough to stay quick. */
const MAX_AGENTS = 2_000
/** Up to this many agents use 3-digit extensions (101…); more would collide with 200, 500, 800. */
const SHORT_NUMBERS = 80

/**
 * Real RingCentral ids are long decimals, typically ending in `…004`
 * (docs/platform.md#servernotification).
 */
function uniqueId(rng: Rng, used: Set<string>, digits: number, suffix: string): string {
  for (;;) {
    const id = rng.digits(digits) + suffix
    if (!used.has(id)) {
      used.add(id)
      return id
    }
  }
}

function staffName(i: number): PersonName {
  const n = STAFF_NAMES.length
  if (i < n) return STAFF_NAMES[i]!
  // Past the pool, recombine first and last names so a large cast still has distinct people.
  return {
    firstName: STAFF_NAMES[i % n]!.firstName,
    lastName: STAFF_NAMES[(i * 7 + 3) % n]!.lastName
  }
}

/** Where every id of one cast comes from: the seeded stream, and the ids already handed out. */
interface IdSource {
  readonly rng: Rng
  readonly used: Set<string>
}

/** A user extension with a web phone, and half the time the RingCentral App as well. */
function person(
  src: IdSource,
  domain: string,
  name: PersonName,
  number: string,
  phoneNumber: string
): CastExtension {
  const id = uniqueId(src.rng, src.used, 7, '004')
  const device = (type: DeviceType, deviceName: string): Device => ({
    id: uniqueId(src.rng, src.used, 9, '008'),
    type,
    name: deviceName,
    status: 'Online',
    extensionId: id
  })
  const devices = [device('WebPhone', `${name.firstName}'s web phone`)]
  if (src.rng.chance(0.5)) devices.push(device('SoftPhone', 'RingCentral App'))
  return {
    id,
    extensionNumber: number,
    name: fullName(name),
    type: 'User',
    status: 'Enabled',
    firstName: name.firstName,
    lastName: name.lastName,
    email: emailOf(name, domain),
    phoneNumber,
    devices
  }
}

/** An extension no one signs in as (the queue, the park location): no devices. */
function service(
  src: IdSource,
  name: string,
  number: string,
  type: Ext['type'],
  phoneNumber: string
): CastExtension {
  return {
    id: uniqueId(src.rng, src.used, 7, '004'),
    extensionNumber: number,
    name,
    type,
    status: 'Enabled',
    phoneNumber,
    devices: []
  }
}

function createAgents(src: IdSource, domain: string, count: number): CastExtension[] {
  const order = src.rng.shuffle(STAFF_NAMES.map((_, i) => i))
  const firstNumber = count > SHORT_NUMBERS ? 1001 : 101
  return Array.from({ length: count }, (_, i) =>
    person(
      src,
      domain,
      staffName(order[i] ?? i),
      String(firstNumber + i),
      `+1650555${String(110 + i).padStart(4, '0')}`
    )
  )
}

type Lists = Map<string, ReadonlyArray<string>>

/**
 * Each agent watches 6-8 colleagues and the park location, and has one or two favorites; the
 * supervisor watches every agent.
 */
function boardLists(
  rng: Rng,
  agents: ReadonlyArray<CastExtension>,
  supervisor: CastExtension,
  parkLocation: CastExtension
): { lines: Lists; favorites: Lists } {
  const lines: Lists = new Map()
  const favorites: Lists = new Map()
  for (const agent of agents) {
    const colleagues = rng.shuffle(agents.filter((a) => a.id !== agent.id))
    const watched = colleagues.slice(0, Math.min(colleagues.length, rng.int(6, 8)))
    // The park location is a line too: that is how an agent's board shows parked calls
    // (docs/platform.md#call-control).
    lines.set(agent.id, [...watched.map((a) => a.id), parkLocation.id])
    const others = [...colleagues.slice(watched.length), supervisor]
    const favs = [rng.pick(others), ...rng.shuffle(colleagues).slice(0, rng.int(1, 2))]
    favorites.set(agent.id, [...new Set(favs.map((a) => a.id))])
  }
  lines.set(supervisor.id, [...agents.map((a) => a.id), parkLocation.id])
  favorites.set(
    supervisor.id,
    agents.slice(0, 2).map((a) => a.id)
  )
  return { lines, favorites }
}

/** The cast's look-ups over every extension it has. */
function castIndex(
  all: ReadonlyArray<CastExtension>
): Pick<Cast, 'findExtension' | 'extensions' | 'byNumber' | 'findDevice' | 'primaryDevice'> {
  const byId = new Map(all.map((e) => [e.id, e]))
  const byNumber = new Map(all.map((e) => [e.extensionNumber, e]))
  const devices = new Map(all.flatMap((e) => e.devices.map((d) => [d.id, d] as const)))
  return {
    findExtension: (id: string): CastExtension | undefined => byId.get(id),
    extensions: (): ReadonlyArray<CastExtension> => all,
    byNumber: (n: string): CastExtension | undefined => byNumber.get(n),
    findDevice: (id: string): Device | undefined => devices.get(id),
    primaryDevice: (id: string): Device | undefined =>
      byId.get(id)?.devices.find((d) => d.status === 'Online')
  }
}

/** Draws in a fixed order (account, agents, supervisor, queue, park, lists): a seed replays it. */
export function createCast(options: CastOptions = {}): Cast {
  const seed = options.seed ?? 1
  const count = Math.max(2, Math.min(MAX_AGENTS, Math.floor(options.agents ?? DEFAULT_AGENTS)))
  const src: IdSource = { rng: createRng(`cast:${String(seed)}`), used: new Set() }
  const accountId = uniqueId(src.rng, src.used, 6, '004')
  const domain = 'ringside-demo.example'
  const agents = createAgents(src, domain, count)
  const supervisor = person(src, domain, SUPERVISOR_NAME, '200', '+16505550102')
  const queue = service(src, 'Support Queue', '500', 'Department', '+16505550100')
  const parkLocation = service(src, 'Front Desk Park', '800', 'ParkLocation', '+16505550101')
  const parkOrbits = Array.from({ length: 50 }, (_, i) => `*${801 + i}`)
  const { lines, favorites } = boardLists(src.rng, agents, supervisor, parkLocation)
  return {
    seed,
    domain,
    accountId,
    agents,
    supervisor,
    queue,
    parkLocation,
    parkOrbits,
    demoAgent: agents[0]!,
    lines,
    favorites,
    ...castIndex([...agents, supervisor, queue, parkLocation])
  }
}
