/**
 * IPC channel names, shared by main (which registers them) and the preload (which invokes them),
 * so a typo cannot silently disconnect the two. Names are `domain:verb`. The full contract, with
 * argument and result codecs per channel, replaces this placeholder later.
 */
export const IpcChannel = {
  appVersion: 'app:version'
} as const

export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel]
