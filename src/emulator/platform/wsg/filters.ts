import type { AccountDirectory } from '../directory'
import type { AppPermission } from '../permissions'

/** Who subscribes: needed to expand `~` and to check permissions. */
export interface FilterContext {
  readonly accountId: string
  readonly extensionId: string
  readonly scopes: ReadonlySet<AppPermission>
  readonly directory: AccountDirectory
}

/**
 * `Invalid`: unknown or malformed filter (all invalid → 400 SUB-508). `InsufficientPermissions`:
 * the app lacks a permission (`permission` names it), or the watched user does not let the
 * subscriber see their presence (no `permission`: no app permission would help,
 * docs/platform.md#hidden-presence); either way the filter goes to `disabledFilters` (spec
 * SubscriptionInfo).
 */
export type FilterVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'Invalid'; readonly message: string }
  | {
      readonly ok: false
      readonly reason: 'InsufficientPermissions'
      readonly message: string
      readonly permission?: AppPermission
    }

/**
 * Pluggable validation hook. It receives the EXPANDED filter (no `~`). The lead can plug in the
 * real parser from `src/shared/filters` via `createPlatform({ validateFilter })`.
 */
export type FilterValidator = (filter: string, ctx: FilterContext) => FilterVerdict

const ACCOUNT_PREFIX = /^\/restapi\/v1\.0\/account\/([^/?]+)(\/[^?]*)?(?:\?(.*))?$/

/**
 * `~` → the subscriber's ids, exactly as the real server echoes them
 * (docs/platform.md#subscribing-over-the-socket).
 */
export function expandFilter(
  filter: string,
  ctx: Pick<FilterContext, 'accountId' | 'extensionId'>
): string {
  return filter
    .replace(/\/account\/~(?=\/|\?|$)/, `/account/${ctx.accountId}`)
    .replace(/\/extension\/~(?=\/|\?|$)/, `/extension/${ctx.extensionId}`)
}

interface Rule {
  readonly pattern: RegExp
  readonly permission: AppPermission
  /** Capture group index holding an extension id that must exist. */
  readonly extensionGroup?: number
}

/**
 * Event families the companion uses (docs/platform.md#event-filters). Paths relative to the
 * account.
 */
const RULES: ReadonlyArray<Rule> = [
  { pattern: /^\/extension\/([^/]+)\/presence$/, permission: 'ReadPresence', extensionGroup: 1 },
  {
    pattern: /^\/extension\/([^/]+)\/presence\/line(\/presence)?$/,
    permission: 'ReadPresence',
    extensionGroup: 1
  },
  {
    pattern: /^\/extension\/([^/]+)\/presence\/dnd$/,
    permission: 'ReadPresence',
    extensionGroup: 1
  },
  {
    pattern: /^\/extension\/([^/]+)\/favorite\/presence$/,
    permission: 'ReadPresence',
    extensionGroup: 1
  },
  { pattern: /^\/extension\/([^/]+)\/favorite$/, permission: 'ReadContacts', extensionGroup: 1 },
  {
    pattern: /^\/extension\/([^/]+)\/telephony\/sessions$/,
    permission: 'CallControl',
    extensionGroup: 1
  },
  { pattern: /^\/extension\/([^/]+)$/, permission: 'ReadAccounts', extensionGroup: 1 },
  { pattern: /^\/presence$/, permission: 'ReadAccounts' },
  { pattern: /^\/telephony\/sessions$/, permission: 'CallControl' },
  { pattern: /^\/extension$/, permission: 'ReadAccounts' },
  { pattern: /^\/call-queues\/([^/]+)\/presence$/, permission: 'ReadPresence' }
]

/** Default validator: known `/restapi/v1.0/account/{thisAccount}/…` families with their permission. */
export const defaultValidateFilter: FilterValidator = (filter, ctx) => {
  const m = ACCOUNT_PREFIX.exec(filter)
  if (m === null)
    return { ok: false, reason: 'Invalid', message: `Invalid event filter [${filter}]` }
  if (m[1] !== ctx.accountId) {
    return {
      ok: false,
      reason: 'Invalid',
      message: 'Not allowed subscribe for events to extensions of other account'
    }
  }
  const rest = m[2] ?? ''
  for (const rule of RULES) {
    const r = rule.pattern.exec(rest)
    if (r === null) continue
    const extId = rule.extensionGroup === undefined ? undefined : r[rule.extensionGroup]
    if (extId !== undefined && ctx.directory.findExtension(extId) === undefined) {
      return { ok: false, reason: 'Invalid', message: 'Not allowed subscribe for unknown user' }
    }
    if (!ctx.scopes.has(rule.permission)) {
      return {
        ok: false,
        reason: 'InsufficientPermissions',
        permission: rule.permission,
        message: `In order to subscribe to this event, application needs to have [${rule.permission}] permission`
      }
    }
    return { ok: true }
  }
  return { ok: false, reason: 'Invalid', message: `Invalid event filter [${filter}]` }
}

function pathOf(value: string): string {
  const q = value.indexOf('?')
  return q < 0 ? value : value.slice(0, q)
}

/**
 * Does a notification with `event` belong to a subscription holding `filter`? Exact path match
 * (queries ignored), or an account-level filter receiving the per-extension path of the same family
 * — real account-level telephony/presence events carry the party's extension path
 * (docs/platform.md#delivered-event-paths).
 */
export function filterMatchesEvent(filter: string, event: string): boolean {
  const f = pathOf(filter)
  const e = pathOf(event)
  if (f === e) return true
  const fm = ACCOUNT_PREFIX.exec(f)
  const em = /^\/restapi\/v1\.0\/account\/([^/]+)\/extension\/[^/]+(\/.*)$/.exec(e)
  if (fm === null || em === null || fm[1] !== em[1]) return false
  return fm[2] !== undefined && fm[2] === em[2]
}
