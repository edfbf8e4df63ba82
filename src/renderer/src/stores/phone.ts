/**
 * Ringside's own phone, for the views: the registration state (always shown), the calls on this
 * computer, and the actions on them. The phone follows the sign-in: credentials are fetched from
 * main (`phone:setup`) and decoded again here with the shared codec, the phone registers, and main
 * hears whether it is registered (that decides the default pickup device). It re-registers when
 * the network comes back, after an OS resume (main's status says a resync ran for `resume`), and
 * whenever the proxy closes the socket (registration.ts).
 */
import { isLeft } from 'fp-ts/lib/Either'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { MASKED_PASSWORD, PhoneSetup } from '../../../shared/phone/provision'
import type { SipPickupPlan } from '../../../shared/phone/replaces'
import { ringside } from '../api'
import { admitProxy } from '../phone/csp-check'
import { createRinger, type Ringer } from '../phone/ringer'
import type { PickupResult } from '../phone/pickup-result'
import {
  createPhoneService,
  type PhoneCall,
  type PhoneService,
  type Registration
} from '../phone/service'
import { useConnectionStore } from './connection'
import { useSettingsStore } from './settings'
import { useSignInStore } from './sign-in'

/** What the settings screen shows of the credentials: never the password. */
export interface PhoneIdentity {
  readonly username: string
  readonly password: typeof MASKED_PASSWORD
  readonly proxy: string
  readonly deviceId: string
}

/** What the pane shows about a picked-up call that the SIP dialog cannot say. */
export interface PickupNote {
  readonly caller: string | null
  readonly queue: string | null
  /** How long the call had been on hold when the agent took it. */
  readonly heldMs: number | null
}

export const usePhoneStore = defineStore('phone', () => {
  const registration = shallowRef<Registration>({ status: 'stopped' })
  const calls = shallowRef<readonly PhoneCall[]>([])
  const identity = shallowRef<PhoneIdentity | null>(null)
  /** Why the phone could not even start (no credentials); shown like a failed registration. */
  const setupError = ref<string | null>(null)
  const notes = shallowRef<Readonly<Record<string, PickupNote>>>({})
  let service: PhoneService | undefined
  let ringer: Ringer | undefined
  let following = false

  const registered = computed(() => registration.value.status === 'registered')
  const ringingHere = computed(() => calls.value.some((c) => c.state === 'ringing'))

  function ensureService(): PhoneService {
    if (service !== undefined) return service
    const s = createPhoneService()
    s.onChange(() => {
      const before = registration.value.status
      registration.value = s.registration()
      calls.value = s.calls()
      if (before !== registration.value.status) report()
    })
    service = s
    return s
  }

  function report(): void {
    const r = registration.value
    const reason = r.status === 'failed' ? r.reason.slice(0, 200) : undefined
    void ringside()
      .phone.report({ registered: registered.value, ...(reason ? { reason } : {}) })
      .catch(() => undefined)
  }

  /** Fetches the credentials, decodes them again, and registers. */
  async function start(): Promise<void> {
    setupError.value = null
    registration.value = { status: 'registering', attempt: 0 }
    const r = await ringside().phone.setup()
    const decoded = r.ok ? PhoneSetup.decode(r.value) : undefined
    if (!r.ok || decoded === undefined || isLeft(decoded)) {
      setupError.value = r.ok
        ? 'Ringside received SIP credentials it cannot read.'
        : r.error.message
      registration.value = { status: 'failed', reason: setupError.value, retryAt: null }
      return
    }
    const setup = decoded.right
    const sip = setup.provision.sipInfo[0]!
    const admitted = await admitProxy(sip.outboundProxy)
    if (admitted === 'reloading') return
    if (admitted === 'blocked') {
      setupError.value = "This window's security policy does not allow the phone server."
      registration.value = { status: 'failed', reason: setupError.value, retryAt: null }
      return
    }
    identity.value = {
      username: sip.username,
      password: MASKED_PASSWORD,
      proxy: sip.outboundProxy,
      deviceId: setup.provision.device.id
    }
    const devices = useSettingsStore().settings.phoneDevices
    ensureService().start(setup, { input: devices.input, output: devices.output })
  }

  function stop(): void {
    service?.stop()
    ringer?.ring(false)
    identity.value = null
    registration.value = { status: 'stopped' }
    calls.value = []
    notes.value = {}
  }

  /** Starts the phone at sign-in and stops it at sign-out; call once from the app's root. */
  function follow(): void {
    if (following) return
    following = true
    const signIn = useSignInStore()
    const connection = useConnectionStore()
    const settings = useSettingsStore()
    ringer = createRinger()
    watch(
      () => (signIn.signedIn ? signIn.auth : null),
      (auth, before) => {
        if (auth === null) return stop()
        // Another account (or the first sign-in): new credentials.
        const owner = auth.status === 'signed-in' ? auth.ownerId : null
        const previous = before?.status === 'signed-in' ? before.ownerId : null
        if (owner !== previous || registration.value.status === 'stopped') void start()
      },
      { immediate: true }
    )
    watch(
      () => connection.resync,
      (r, before) => {
        if (r.reason === 'resume' && r.at !== before?.at) service?.restart('resume')
      }
    )
    watch(ringingHere, (on) => ringer?.ring(on))
    watch(
      () => settings.settings.phoneDevices,
      (d) => {
        ringer?.setDevice(d.ringer)
        service?.setDevices({ input: d.input, output: d.output })
      },
      { immediate: true }
    )
    window.addEventListener('online', () => service?.restart('network'))
  }

  const act =
    (run: (s: PhoneService, callId: string) => Promise<void> | void) =>
    async (callId: string): Promise<void> => {
      if (service !== undefined) await run(service, callId)
    }

  async function pickUp(plan: SipPickupPlan, note?: PickupNote): Promise<PickupResult> {
    const r = await ensureService().pickUp(plan)
    if (r.ok && note) notes.value = { ...notes.value, [r.callId]: note }
    return r
  }

  return {
    registration,
    calls,
    identity,
    setupError,
    notes,
    registered,
    ringingHere,
    follow,
    start,
    stop,
    retry: () => (service ? service.restart('agent') : start()),
    answer: act((s, id) => s.answer(id)),
    decline: act((s, id) => s.decline(id)),
    hangup: act((s, id) => s.hangup(id)),
    hold: act((s, id) => s.hold(id)),
    unhold: act((s, id) => s.unhold(id)),
    mute: (callId: string, muted: boolean) => service?.mute(callId, muted),
    pickUp,
    expectAutoAnswer: (kind: 'parked' | null) => service?.expectAutoAnswer(kind)
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePhoneStore, import.meta.hot))
