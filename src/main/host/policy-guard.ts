/**
 * The handlers' side of the admin policy: what a locked setting's refusal says, and the checks the
 * sign-in, lines and settings channels make before they change anything. A refusal is a
 * `HandlerError` with code `locked`: the page shows its message beside the setting.
 */
import type { LockableElsewhere, LockableSetting } from '../../shared/ipc/policy'
import { SET_BY_ADMINISTRATOR } from '../../shared/ipc/policy'
import { HandlerError } from './dispatch'
import { demoDisabled, type PolicyLoad } from './policy'

const LABELS: Readonly<Record<LockableSetting | LockableElsewhere, string>> = {
  server: 'the RingCentral server',
  clientId: 'the RingCentral app (client id)',
  loopbackPorts: 'the sign-in ports',
  monitoredLines: 'the monitored lines',
  notifications: 'the pop-up rules',
  popupStyle: 'the pop-up style',
  preferredDeviceId: 'the pickup device',
  globalShortcut: 'the pickup shortcut'
}

/** "The pop-up style is set by your administrator and cannot be changed here." */
export function lockedError(
  keys: ReadonlyArray<LockableSetting | LockableElsewhere>
): HandlerError {
  const names = keys.map((k) => LABELS[k])
  const text =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
  const verb = names.length === 1 ? 'is' : 'are'
  // "Set by your administrator", the lock's own label, inside the sentence.
  const by = SET_BY_ADMINISTRATOR.toLowerCase()
  return new HandlerError(
    'locked',
    `${text.charAt(0).toUpperCase()}${text.slice(1)} ${verb} ${by} and cannot be changed here.`
  )
}

export interface PolicyGuard {
  /** Throws the refusal when the policy locks `key`. */
  assertUnlocked(key: LockableSetting | LockableElsewhere): void
  /** The client id a locked policy requires, if any. */
  readonly lockedClientId: string | undefined
  assertDemoAllowed(): void
}

export function policyGuard(load: PolicyLoad): PolicyGuard {
  const policy = load.state === 'applied' ? load.policy : undefined
  return {
    assertUnlocked(key) {
      if (policy?.[key]?.locked === true) throw lockedError([key])
    },
    lockedClientId: policy?.clientId?.locked === true ? policy.clientId.value : undefined,
    assertDemoAllowed() {
      if (!demoDisabled(load)) return
      throw new HandlerError(
        'policy',
        load.state === 'invalid'
          ? 'The demo is off because the admin policy could not be read. Ask your administrator.'
          : 'Your administrator has turned the demo off on this computer.'
      )
    }
  }
}
