/** What the phone badge says, from the phone's registration. Pure, so tests read it directly. */
import type { Registration } from '../phone/registration'
import type { BadgeText } from './badge-text'

/** @param retryIn seconds until the next registration attempt (null: none planned). */
export function phoneText(r: Registration, retryIn: number | null): BadgeText {
  const same = (label: string, announce: string, tone: BadgeText['tone']): BadgeText => ({
    label,
    detail: label,
    announce,
    tone
  })
  switch (r.status) {
    case 'registered':
      return same('Phone registered', 'Phone registered', 'ok')
    case 'registering':
      return same('Phone registering…', 'Phone registering', 'busy')
    case 'stopped':
      return same('Phone off', 'Phone off', 'idle')
    case 'failed': {
      // The countdown first: a long reason is cut at the badge's edge, the countdown must not be.
      const wait = retryIn === null ? '' : `, retrying in ${retryIn} s`
      return same(
        `Phone not registered${wait}: ${r.reason}`,
        `Phone not registered: ${r.reason}`,
        'bad'
      )
    }
  }
}
