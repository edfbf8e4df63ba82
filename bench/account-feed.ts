/**
 * The feed of `npm run bench:account`: account-level telephony session notifications (one party
 * each, as the platform delivers them to an account subscription) for calls to random extensions.
 * `live` call slots are kept busy; each notification advances a random slot's call one step:
 * the caller's leg (Setup), the agent's leg ringing (Proceeding), answered, then both legs
 * Disconnected, after which the slot starts a new call. Deterministic (a seeded generator), so
 * both paths of a run get the same texts.
 */

import { createRng } from '../src/emulator/callcentre/random'

export interface FedNotification {
  readonly session: string
  readonly text: string
}

const ACCOUNT = '37439510'

/** The emulator's seeded mulberry32 (callcentre/random.ts): the same seed, the same texts. */
const random = (seed: number): (() => number) => createRng(seed).next

type Step = 'caller' | 'ringing' | 'answered' | 'agent-gone' | 'caller-gone'
const STEPS: readonly Step[] = ['caller', 'ringing', 'answered', 'agent-gone', 'caller-gone']

function partyOf(step: Step, ext: string, n: number): Record<string, unknown> {
  const caller = step === 'caller' || step === 'caller-gone'
  const code = { caller: 'Setup', ringing: 'Proceeding', answered: 'Answered' }[step as string]
  return {
    accountId: ACCOUNT,
    ...(caller ? {} : { extensionId: ext }),
    id: caller ? `p-${n}-c` : `p-${n}-a`,
    direction: 'Inbound',
    to: { phoneNumber: '+16505550101', name: 'Support Queue' },
    from: { phoneNumber: `+1415555${String(n % 10_000).padStart(4, '0')}`, name: `Caller ${n}` },
    status: { code: code ?? 'Disconnected', rcc: false },
    park: {},
    missedCall: false,
    standAlone: false,
    muted: false
  }
}

export function accountFeed(o: {
  readonly extensions: readonly string[]
  readonly count: number
  readonly live: number
}): FedNotification[] {
  const rnd = random(14)
  const slots = Array.from({ length: o.live }, (_, i) => ({ n: i, step: 0, ext: '' }))
  let calls = o.live
  const out: FedNotification[] = []
  const t0 = Date.UTC(2026, 11, 1, 9, 0, 0)
  for (let i = 0; i < o.count; i++) {
    const slot = slots[Math.floor(rnd() * slots.length)]!
    if (slot.step === 0) slot.ext = o.extensions[Math.floor(rnd() * o.extensions.length)]!
    const step = STEPS[slot.step]!
    const session = `s-bench-${slot.n}`
    const at = new Date(t0 + i).toISOString()
    const text = JSON.stringify({
      uuid: `bench-${i}`,
      event: `/restapi/v1.0/account/${ACCOUNT}/telephony/sessions`,
      timestamp: at,
      subscriptionId: 'bench-subscription',
      ownerId: o.extensions[0],
      body: {
        sequence: slot.step + 1,
        sessionId: String(400_000_000_000 + slot.n),
        telephonySessionId: session,
        serverId: '10.13.22.28.TAM',
        eventTime: at,
        origin: { type: 'Call' },
        parties: [partyOf(step, slot.ext, slot.n)]
      }
    })
    out.push({ session, text })
    slot.step++
    if (slot.step === STEPS.length) Object.assign(slot, { n: calls++, step: 0 })
  }
  return out
}
