/**
 * What the page learns of the admin policy file (docs/deployment.md): whether one was applied or
 * refused, which settings it locks, and whether it turned the demo off. The policy itself is
 * decoded in main (src/main/host/policy.ts); the page only needs to draw locks and the banner.
 */
import type { Settings } from './settings'

/** The settings a policy can lock: the agent's settings of the same name. */
export const LOCKABLE_SETTINGS = [
  'server',
  'preferredDeviceId',
  'notifications',
  'popupStyle',
  'globalShortcut'
] as const satisfies ReadonlyArray<keyof Settings>
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number]

/** What a policy can lock that is not one of the agent's settings. */
export type LockableElsewhere = 'clientId' | 'loopbackPorts' | 'monitoredLines'

export type PolicyView =
  | { readonly state: 'none' }
  | {
      readonly state: 'applied'
      readonly file: string
      readonly locked: ReadonlyArray<LockableSetting | LockableElsewhere>
      readonly demoDisabled: boolean
      /**
       * The client id a locked policy requires, so the JWT form shows and sends it. Not a secret:
       * it is in every authorize URL the browser sign-in opens.
       */
      readonly clientId?: string
    }
  | {
      /** The file exists but was refused as a whole; nothing of it applies except the demo rule. */
      readonly state: 'invalid'
      readonly file: string
      /** `popupStyle.value: expected …, got …`, one per problem, for IT. */
      readonly problems: readonly string[]
      readonly demoDisabled: true
    }

/** Whether the shell holds the global shortcut (browser mode has none to hold). */
export type ShortcutStatus =
  | { readonly state: 'registered'; readonly accelerator: string }
  | { readonly state: 'off' }
  | { readonly state: 'unavailable'; readonly accelerator: string; readonly reason: string }
  | { readonly state: 'unsupported' }

/** `settings:status`: what the settings screen shows beside the settings themselves. */
export interface SettingsStatus {
  readonly policy: PolicyView
  readonly shortcut: ShortcutStatus
}

/** The message a refused change carries (handlers) and the lock's label says (settings screen). */
export const SET_BY_ADMINISTRATOR = 'Set by your administrator'
