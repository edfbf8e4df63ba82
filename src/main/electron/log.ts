import { app } from 'electron'
import { createFileLog, type FileLog } from '../host/file-log'

/**
 * The desktop app's log: the OS-standard log folder (`app.getPath('logs')`), rotated and redacted
 * (host/file-log.ts), each line echoed to stderr for a developer running `npm start`.
 */
export function createElectronLog(echo: (line: string) => void = (l) => console.warn(l)): FileLog {
  return createFileLog({ dir: app.getPath('logs'), echo })
}
