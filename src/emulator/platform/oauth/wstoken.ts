import { errorForStatus, wsPermissionError } from '../errors'
import type { Faults } from '../faults'
import type { Router } from '../http/router'
import { ok } from '../http/types'
import { hasWebSocketPermission } from '../permissions'
import type { TokenStore } from './tokens'

/**
 * `POST /restapi/oauth/wstoken` (docs/platform.md#wstoken): Auth group, needs the WebSocket
 * permission (403 SUB-528 otherwise), returns `{uri, ws_access_token, expires_in}`. The URI is our
 * own `ws://127.0.0.1:PORT/ws` because the client takes the socket URL from here, not from
 * `server`.
 */
export function registerWsToken(
  router: Router,
  deps: { readonly tokens: TokenStore; readonly faults: Faults; readonly wsUrl: () => string }
): void {
  router.route('POST', '/restapi/oauth/wstoken', { group: 'auth' }, (req) => {
    const injected = deps.faults.takeWstokenFailure()
    if (injected !== undefined) throw errorForStatus(injected)
    if (!hasWebSocketPermission(req.auth.scopes)) throw wsPermissionError()
    const { token, expiresIn } = deps.tokens.issueWsToken(req.auth)
    return ok({ uri: deps.wsUrl(), ws_access_token: token, expires_in: expiresIn })
  })
}
