/**
 * Deny-by-default for every permission a page can ask for (Electron security checklist item 5;
 * Signal's app/permissions.ts keeps the same kind of table). The one exception is the web phone's
 * audio: the microphone (`media` with audio only, never video) and choosing the speaker
 * (`speaker-selection`), granted to the app's own origin only, from its main frame. Anything
 * else, any other origin and any sub-frame is refused, by both the request and the check handler.
 */
import type { Session } from 'electron'

/** Permissions Ringside's own page may have; every other permission string is refused. */
export const GRANTED_TO_APP: ReadonlySet<string> = new Set(['media', 'speaker-selection'])

export interface PermissionRequest {
  readonly permission: string
  /** The URL of the frame that asked. */
  readonly requestingUrl: string | undefined
  readonly isMainFrame: boolean
  /** For `media`: what it wants (`audio`, `video`); absent for other permissions. */
  readonly mediaTypes?: readonly string[] | undefined
}

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  try {
    const parsed = new URL(url)
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`
  } catch {
    return undefined
  }
}

/** The decision, pure so the whole table is tested without Electron. */
export function isPermissionGranted(request: PermissionRequest, appOrigin: string): boolean {
  if (!GRANTED_TO_APP.has(request.permission) || !request.isMainFrame) return false
  if (originOf(request.requestingUrl) !== appOrigin) return false
  if (request.permission === 'media') {
    const types = request.mediaTypes ?? []
    // A check (no types) or a request for the microphone only; a camera is never granted.
    return types.every((type) => type === 'audio')
  }
  return true
}

interface RequestDetails {
  readonly requestingUrl?: string
  readonly isMainFrame?: boolean
  readonly mediaTypes?: readonly string[]
}

interface CheckDetails {
  readonly requestingUrl?: string
  readonly isMainFrame?: boolean
  readonly mediaType?: string
}

/** Installs both handlers on `session` (the default session: Ringside opens no other). */
export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  appOrigin: string
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const d = details as RequestDetails
    callback(
      isPermissionGranted(
        {
          permission,
          requestingUrl: d.requestingUrl,
          isMainFrame: d.isMainFrame === true,
          mediaTypes: d.mediaTypes ?? []
        },
        appOrigin
      )
    )
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const d = details as CheckDetails
    return isPermissionGranted(
      {
        permission,
        requestingUrl: d.requestingUrl ?? requestingOrigin,
        isMainFrame: d.isMainFrame === true,
        mediaTypes: d.mediaType === undefined || d.mediaType === 'unknown' ? [] : [d.mediaType]
      },
      appOrigin
    )
  })
}
