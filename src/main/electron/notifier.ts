import type { NotificationConstructorOptions } from 'electron'
import type { Notifier } from '../core/ports'
import { cleanText } from '../../shared/util/text'
import { POPUP_TEXT_MAX } from '../host/popups'

/** The parts of an Electron `Notification` the notifier uses. */
export interface NotificationHandle {
  show(): void
  close(): void
  on(event: 'click' | 'close', listener: () => void): unknown
}

export interface DesktopNotifierDeps {
  /** `Notification.isSupported`: false on Linux without a notification server, for instance. */
  readonly isSupported: () => boolean
  /** `(options) => new Notification(options)`; injected so tests need no desktop. */
  readonly create: (options: NotificationConstructorOptions) => NotificationHandle
  /** The agent clicked the pop-up (`openOnClick`): bring Ringside to the front on that call. */
  readonly onClick: (tag: string) => void
}

/** The core's `Notifier` port on native notifications, plus what the pop-up feed needs. */
export interface DesktopNotifier extends Notifier {
  /** Takes the pop-up with this tag away (the call stopped ringing). */
  close(tag: string): void
  /** Closes every pop-up still open. */
  dispose(): void
}

/** More than this many open pop-ups is a flood; the oldest go first. */
const MAX_OPEN = 50

/**
 * Native pop-ups for ringing calls, one per tag: a second `notify` with the same tag closes the
 * first instead of stacking. Every open notification is kept in a map, which is also what keeps it
 * alive: a Notification nothing references can be garbage-collected, and its click handler with it.
 *
 * The text is cleaned again here (it already is when it comes from `ringingPopup`), because the
 * port may be fed by other callers and some Linux notification servers render markup.
 */
export function createDesktopNotifier(deps: DesktopNotifierDeps): DesktopNotifier {
  const open = new Map<string, NotificationHandle>()

  const close = (tag: string): void => {
    const note = open.get(tag)
    if (note === undefined) return
    open.delete(tag)
    note.close()
  }

  return {
    notify({ title, body, tag }) {
      if (!deps.isSupported()) return
      const key = tag ?? `${title}\u0000${body}`
      close(key)
      while (open.size >= MAX_OPEN) {
        const oldest = open.keys().next().value
        if (oldest === undefined) break
        close(oldest)
      }
      const note = deps.create({
        title: cleanText(title, POPUP_TEXT_MAX),
        body: cleanText(body, POPUP_TEXT_MAX),
        // A ringing call matters until it stops ringing; the feed closes it then.
        timeoutType: 'never'
      })
      open.set(key, note)
      note.on('click', () => deps.onClick(key))
      note.on('close', () => {
        if (open.get(key) === note) open.delete(key)
      })
      note.show()
    },
    close,
    dispose() {
      for (const tag of [...open.keys()]) close(tag)
    }
  }
}

/**
 * What a click on a notification does: the main window comes forward (shown, restored, focused)
 * and the page is told which call the notification was about, so the pane opens on it. The order
 * matters: a page told first would move the focus inside a window that is still hidden.
 */
export function openOnClick(deps: {
  /** The window keeper's `show` (main-window.ts). */
  readonly show: () => void
  /** The host's `openCall`: decodes the tag and pushes `notify:open-call`. */
  readonly openCall: (tag: string) => unknown
}): (tag: string) => void {
  return (tag) => {
    deps.show()
    deps.openCall(tag)
  }
}
