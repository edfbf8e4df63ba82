/**
 * Which queue delivered a call. On the platform the agent leg of a queue call has `to` = the agent
 * and no `uiCallInfo`; the queue is its own party in the session: a leg on the queue's extension,
 * a `Department` (docs/platform.md#queue-calls). So the queue is named from that party and the
 * directory first, and only then from `uiCallInfo` or the line's presence entry.
 */
import type { CallInfo } from '../../../shared/events'
import type { Directory, PartyRecord, SessionRecord } from './types'

/** The queue's extension type in the extension list (`type=Department`). */
const QUEUE_TYPE = 'Department'

/** The queue's name from `callInfo`/`uiCallInfo` (either slot may hold the QueueName item). */
export function queueNameOf(info: CallInfo | undefined): string | null {
  for (const item of [info?.primary, info?.additional]) {
    if (item?.type === 'QueueName' && item.value !== undefined && item.value !== '')
      return item.value
  }
  return null
}

/** The session's queue party: a party on an extension the directory lists as a queue. */
export function queuePartyOf(
  session: SessionRecord | undefined,
  directory: Directory
): PartyRecord | undefined {
  if (session === undefined) return undefined
  for (const p of session.parties.values()) {
    const ext = p.fields.extensionId
    if (ext !== undefined && directory.extensions.get(ext)?.type === QUEUE_TYPE) return p
  }
  return undefined
}

/** The queue's name from the session's queue party and the directory alone. */
export function sessionQueueName(
  session: SessionRecord | undefined,
  directory: Directory
): string | null {
  const ext = queuePartyOf(session, directory)?.fields.extensionId
  const name = ext === undefined ? undefined : directory.extensions.get(ext)?.name
  return name === undefined || name === '' ? null : name
}

export interface QueueClues {
  readonly session: SessionRecord | undefined
  readonly party: PartyRecord | undefined
  /** The line's presence entry: its `callInfo` and the name it was dialled to (`toName`). */
  readonly presence?: { readonly callInfo?: CallInfo; readonly toName?: string }
  /** The line's own name: a `toName` equal to it names the agent, never a queue. */
  readonly ownName: string | undefined
}

/**
 * The queue's name: the queue party and the directory; else `uiCallInfo`/`callInfo` where a
 * platform sends them; else the name the presence entry says the call was dialled to.
 */
export function queueNameOfCall(directory: Directory, clues: QueueClues): string | null {
  const named = sessionQueueName(clues.session, directory)
  if (named !== null) return named
  const info = queueNameOf(clues.party?.fields.uiCallInfo) ?? queueNameOf(clues.presence?.callInfo)
  if (info !== null) return info
  const dialled = clues.presence?.toName
  if (dialled === undefined || dialled === '' || dialled === clues.ownName) return null
  return dialled
}
