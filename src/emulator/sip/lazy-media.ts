/**
 * The media side, loaded with its first call. werift is the largest library the emulator has, and
 * the first "live" (sign-in, WebSocket, readback) needs none of it: loading it at start cost a
 * quarter of the emulator's start (docs/performance.md#start). A start that never places a call on
 * a phone never loads it.
 */
import type { Media, MediaPeer } from './media'

export function createLazyMedia(): Media {
  let loading: Promise<Media> | undefined
  let loaded: Media | undefined
  const media = (): Promise<Media> =>
    (loading ??= import('./media').then(({ createMedia }) => (loaded = createMedia())))
  return {
    offer: async (): Promise<MediaPeer> => (await media()).offer(),
    answer: async (offerSdp: string): Promise<MediaPeer> => (await media()).answer(offerSdp),
    open: () => loaded?.open() ?? 0,
    close: async () => {
      if (loading) await (await loading).close()
    }
  }
}
