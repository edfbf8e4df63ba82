/**
 * The log file of both shells: electron-log's file transport (its Node build, so browser mode and
 * headless runs get the same file and rotation), with every line through the one redaction
 * (core/diagnostics/log-redact.ts). The Electron shell puts it in the OS-standard log folder
 * (`app.getPath('logs')`: ~/Library/Logs/Ringside, %APPDATA%\Ringside\logs, ~/.config/Ringside/logs);
 * browser mode in its data directory's `logs/`.
 *
 * Rotation is electron-log's: once the file is over `maxBytes`, the next line first renames it to
 * `main.old.log` (replacing the previous archive) and starts a new one, so at most about twice
 * `maxBytes` is ever kept. The file is created owner-only (0600): logs describe the agent's day.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import electronLog from 'electron-log/node'
import { redactLogLine } from '../core/diagnostics/log-redact'

export const LOG_FILE_NAME = 'main.log'
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024

export interface FileLogOptions {
  /** The folder the log lives in (created owner-only if missing). */
  readonly dir: string
  readonly maxBytes?: number
  /** The secrets the app holds now (tokens, SIP password), removed verbatim from every line. */
  readonly secrets?: () => readonly string[]
  /** Also write the redacted line here (the console, stderr); default nowhere. */
  readonly echo?: (line: string) => void
}

export interface FileLog {
  /** Redacts and appends one line. Never throws: a full disk must not take the app down. */
  write(line: string): void
  /** The log file's path, for the diagnostics view and the README. */
  readonly path: string
}

let instances = 0

export function createFileLog(options: FileLogOptions): FileLog {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 })
  const path = join(options.dir, LOG_FILE_NAME)
  // Each log its own instance: the default one is shared with any library that logs through it.
  instances += 1
  const logger = electronLog.create({ logId: `ringside-${instances}` })
  const file = logger.transports.file
  file.resolvePathFn = () => path
  file.maxSize = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] {text}'
  logger.transports.console.level = false
  return {
    path,
    write(line) {
      const safe = redactLogLine(line, options.secrets?.() ?? [])
      try {
        logger.info(safe)
      } catch {
        // electron-log reports write errors on its own registry; nothing more to do here.
      }
      options.echo?.(safe)
    }
  }
}
