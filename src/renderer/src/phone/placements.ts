/**
 * Where each of the agent's calls is, for the pane: the phone's calls and RingCentral's view of the
 * agent's own calls, paired by the shared matcher (src/shared/phone/match.ts).
 */
import { computed, watch, type ComputedRef } from 'vue'
import type { DeviceView } from '../../../shared/ipc/status'
import {
  placeCalls,
  placementLabel,
  type LocalDialog,
  type RemoteLeg
} from '../../../shared/phone/match'
import type { MyCallItem } from '../../../shared/state/view-types'
import { useCallsStore } from '../stores/calls'
import { usePhoneStore } from '../stores/phone'
import { useSettingsStore } from '../stores/settings'
import type { PhoneCall } from './service'

export interface HereCall {
  readonly call: PhoneCall
  readonly remote: MyCallItem | null
  readonly label: string
}

export interface Placements {
  /** Calls on this computer, ringing or connected. */
  readonly here: readonly HereCall[]
  /** The agent's calls RingCentral has elsewhere: view item id → label. */
  readonly elsewhere: ReadonlyMap<string, string>
}

const toLocal = (c: PhoneCall): LocalDialog => ({
  callId: c.callId,
  localTag: c.localTag,
  remoteTag: c.remoteTag,
  direction: c.direction,
  telephonySessionId: c.telephonySessionId,
  partyId: c.partyId,
  queueName: c.queueName,
  ringing: c.state !== 'answered'
})

/** The name the agent's device list gives `deviceId`; null when the list does not name it. */
export function deviceNameOf(
  devices: readonly DeviceView[],
  deviceId: string | null
): string | null {
  if (deviceId === null) return null
  const name = devices.find((d) => d.id === deviceId)?.name
  return name === undefined || name === '' ? null : name
}

const toRemote = (c: MyCallItem, devices: readonly DeviceView[]): RemoteLeg => ({
  key: c.id,
  telephonySessionId: c.telephonySessionId,
  partyId: c.partyId,
  presenceId: null,
  sip: c.sip,
  deviceName: deviceNameOf(devices, c.deviceId)
})

/**
 * Loads the device list (main's, the one Settings shows) when a call names a device it does not
 * know: once per unknown id, so a device RingCentral never lists costs one read, not a loop.
 */
function loadUnknownDevices(): void {
  const calls = useCallsStore()
  const settings = useSettingsStore()
  const asked = new Set<string>()
  watch(
    () => [calls.myCalls.map((c) => c.deviceId), settings.devices] as const,
    ([ids, { items, loading }]) => {
      const unknown = ids.filter(
        (id): id is string => id !== null && !asked.has(id) && !items.some((d) => d.id === id)
      )
      if (unknown.length === 0 || loading) return
      for (const id of unknown) asked.add(id)
      void settings.loadDevices()
    },
    { immediate: true }
  )
}

export function usePlacements(): ComputedRef<Placements> {
  const phone = usePhoneStore()
  const calls = useCallsStore()
  const settings = useSettingsStore()
  loadUnknownDevices()
  return computed(() => {
    const devices = settings.devices.items
    const byCallId = new Map(phone.calls.map((c) => [c.callId, c]))
    const byKey = new Map(calls.myCalls.map((c) => [c.id, c]))
    const here: HereCall[] = []
    const elsewhere = new Map<string, string>()
    for (const p of placeCalls(phone.calls.map(toLocal), calls.myCalls.map((c) => toRemote(c, devices)))) {
      if (p.kind === 'elsewhere') {
        elsewhere.set(p.remote.key, placementLabel(p))
        continue
      }
      const call = byCallId.get(p.local.callId)
      if (call === undefined) continue
      const remote = p.remote === null ? null : (byKey.get(p.remote.key) ?? null)
      here.push({ call, remote, label: placementLabel(p) })
    }
    return { here, elsewhere }
  })
}
