import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { app } from '../../setup/electron-mock'
import { createElectronLog } from '../../../src/main/electron/log'
import { createFileLog, LOG_FILE_NAME } from '../../../src/main/host/file-log'
import { maskDigits, redactLogLine } from '../../../src/main/core/diagnostics/log-redact'

/** Token-shaped values as the platform issues them, a SIP password, and a caller's number. */
const ACCESS_TOKEN = 'U0pDMTNQMDFQQVMwMHxBQUI3bDhmN2E5a2xKcXdlcnR5dWlvcFpYQ1ZCTk0xMjM0NTY'
const SIP_PASSWORD = 'Zx9!kq2LmP0w'
const CALLER = '+16505550142'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringside-log-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const contents = (): string =>
  readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n')

describe('log redaction', () => {
  it('masks every digit of a caller number but the last two, keeping separators', () => {
    expect(maskDigits('+1 (650) 555-0142')).toBe('+* (***) ***-**42')
    expect(redactLogLine(`ringing from ${CALLER} on line 103`)).toBe(
      'ringing from +*********42 on line 103'
    )
    expect(redactLogLine('from (650) 555-0142 and 650-555-0199')).toBe(
      'from (***) ***-**42 and ***-***-**99'
    )
    expect(redactLogLine('sip:+16505550142@sip.ringcentral.com')).toBe(
      'sip:+*********42@sip.ringcentral.com'
    )
    expect(redactLogLine('{"phoneNumber":"6505550142","extensionId":"37439511"}')).toBe(
      '{"phoneNumber":"********42","extensionId":"37439511"}'
    )
  })

  it('keeps ids an engineer needs: extension ids, session ids, HTTP statuses', () => {
    const line = '[sync] extension 37439511 session s-a0d7c1 party p-1 status 409 at 12:30:05'
    expect(redactLogLine(line)).toBe(line)
  })
})

describe('the log file', () => {
  it('never holds a token, a SIP password or a caller number in clear', () => {
    const log = createFileLog({ dir, secrets: () => [SIP_PASSWORD] })
    log.write(`[auth] refresh answered {"access_token":"${ACCESS_TOKEN}","expires_in":3600}`)
    log.write(`[rest] GET /restapi/v1.0/account/~ Authorization: Bearer ${ACCESS_TOKEN}`)
    log.write(`[phone] registering with password ${SIP_PASSWORD} as 16505550100`)
    log.write(`[phone] sip provisioning {"password":"${SIP_PASSWORD}"}`)
    log.write(`[calls] ringing from ${CALLER} for queue Support`)
    const text = contents()
    expect(text).toContain('[auth] refresh answered')
    expect(text).toContain('ringing from +*********42 for queue Support')
    for (const secret of [ACCESS_TOKEN, SIP_PASSWORD, CALLER, '6505550142']) {
      expect(text).not.toContain(secret)
    }
    expect(statSync(log.path).mode & 0o777).toBe(0o600)
  })

  it('rotates at the size bound: the full file becomes main.old.log, a new one starts', () => {
    const log = createFileLog({ dir, maxBytes: 4096 })
    const old = join(dir, 'main.old.log')
    const line = `[test] ${'x'.repeat(90)}`
    let lines = 0
    while (statSync(old, { throwIfNoEntry: false }) === undefined && lines < 1000) {
      log.write(`${line} ${lines}`)
      lines += 1
    }
    // Rotated once the file was over the bound, not before: ~4 KB of ~125-byte lines.
    expect(lines).toBeGreaterThan(25)
    expect(lines).toBeLessThan(50)
    const archived = statSync(old).size
    expect(archived).toBeGreaterThan(4096)
    expect(archived).toBeLessThan(4096 + 200)
    // The new file holds only the line that triggered the rotation.
    expect(readFileSync(log.path, 'utf8')).toMatch(new RegExp(`\\] \\[test\\] x+ ${lines - 1}\\n$`))
    expect(readFileSync(log.path, 'utf8').split('\n')).toHaveLength(2)
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.old.log'])
  })
})

describe('the Electron shell log', () => {
  it("writes to the OS log folder (app.getPath('logs')), redacted", () => {
    app.getPath.mockImplementation((name: string) => (name === 'logs' ? dir : `/nowhere/${name}`))
    const echoed: string[] = []
    const log = createElectronLog((line) => echoed.push(line))
    log.write(`[calls] ringing from ${CALLER}, Bearer ${ACCESS_TOKEN}`)
    expect(app.getPath).toHaveBeenCalledWith('logs')
    expect(log.path).toBe(join(dir, LOG_FILE_NAME))
    const text = readFileSync(log.path, 'utf8')
    expect(text).toContain('ringing from +*********42')
    expect(text).not.toContain(ACCESS_TOKEN)
    expect(echoed.join('\n')).not.toContain(CALLER)
  })
})
