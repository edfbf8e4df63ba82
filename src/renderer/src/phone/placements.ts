/**
 * Where each of the agent's calls is, for the pane: the phone's calls and RingCentral's view of the
 * agent's own calls, paired by the shared matcher (src/shared/phone/match.ts).
 */
import { computed, type ComputedRef } from 'vue'
import {
  placeCalls,
  placementLabel,
  type LocalDialog,
  type RemoteLeg
} from '../../../shared/phone/match'
import type { MyCallItem } from '../../../shared/state/view-types'
import { useCallsStore } from '../stores/calls'
import { usePhoneStore } from '../stores/phone'
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

const toRemote = (c: MyCallItem): RemoteLeg => ({
  key: c.id,
  telephonySessionId: c.telephonySessionId,
  partyId: c.partyId,
  presenceId: null,
  sip: c.sip,
  deviceName: null
})

export function usePlacements(): ComputedRef<Placements> {
  const phone = usePhoneStore()
  const calls = useCallsStore()
  return computed(() => {
    const byCallId = new Map(phone.calls.map((c) => [c.callId, c]))
    const byKey = new Map(calls.myCalls.map((c) => [c.id, c]))
    const here: HereCall[] = []
    const elsewhere = new Map<string, string>()
    for (const p of placeCalls(phone.calls.map(toLocal), calls.myCalls.map(toRemote))) {
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
