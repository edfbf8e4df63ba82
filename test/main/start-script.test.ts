import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url))

describe('npm start without the Electron binary', () => {
  it('prints one actionable line and exits 1, without a stack trace', () => {
    // Point Electron at a directory that cannot exist, so the test is the same on machines that do
    // have the binary installed (and never launches it).
    const result = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      env: {
        ...process.env,
        ELECTRON_EXEC_PATH: '',
        ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/ringside'
      }
    })

    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim()).toBe(
      "Electron's binary is not installed. Run `npm install` with network access " +
        '(without ELECTRON_SKIP_BINARY_DOWNLOAD) and try again, or run `npm run web` to use ' +
        'Ringside in your browser.'
    )
  })
})
