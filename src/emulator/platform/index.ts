/**
 * Transport half of the embedded RingCentral platform emulator: OAuth, the REST pipeline (router,
 * auth, rate limits, error shapes), the WebSocket gateway and the control API. The call centre
 * plugs in through `AccountDirectory` (who exists), `router.route(...)` (its REST) and
 * `gateway.publish(...)` (its notifications). See docs/emulator.md.
 */
export { createPlatform, type Platform, type PlatformOptions } from './platform'
export {
  canLogIn,
  demoDirectory,
  findByIdOrNumber,
  staticDirectory,
  type AccountDirectory,
  type Ext,
  type ExtensionStatus,
  type ExtensionType
} from './directory'
export {
  DEFAULT_SCOPES,
  KNOWN_PERMISSIONS,
  isAppPermission,
  type AppPermission
} from './permissions'
export { paginate, type Page } from './http/paging'
export { checkExtensionListQuery } from './http/list-params'
export { Router, CONTROL_PREFIX, type RouteOptions, type PublicRouteOptions } from './http/router'
export {
  created,
  field,
  html,
  isRecord,
  noContent,
  ok,
  redirect,
  type ApiHandler,
  type ApiRequest,
  type ApiResponse,
  type AuthContext,
  type HttpMethod,
  type PublicHandler,
  type PublicRequest
} from './http/types'
export {
  DEFAULT_RATE_LIMITS,
  RateLimiter,
  type RateGroup,
  type RateLimitConfig,
  type RateLimitPatch
} from './http/rate-limit'
export {
  apiError,
  apiErrorBody,
  apiErrors,
  errorForStatus,
  HttpError,
  oauthError,
  permissionMessage,
  type ErrorItem,
  type OAuthErrorName
} from './errors'
export { decodeBody } from './decode'
export {
  cryptoRandom,
  Ids,
  seededRandom,
  systemClock,
  type Clock,
  type RandomSource
} from './clock'
export type { NotificationDraft } from './faults'
export type { ClientApp, ClientRegistration } from './oauth/clients'
export { DEFAULT_TOKEN_TTLS, type TokenTtls } from './oauth/tokens'
export { Gateway } from './wsg/gateway'
export {
  DEFAULT_WSG_SETTINGS,
  type Disposition,
  type NotificationBuilder,
  type PublishedNotification,
  type SocketFilter,
  type SocketInfo,
  type SubscriptionView,
  type WsgSettings
} from './wsg/types'
export {
  defaultValidateFilter,
  expandFilter,
  filterMatchesEvent,
  type FilterContext,
  type FilterValidator,
  type FilterVerdict
} from './wsg/filters'
export type { NotificationEnvelope } from './wsg/session'
export type { Control, FaultState, MintJwtOptions, NotifyInput } from './control/control'
