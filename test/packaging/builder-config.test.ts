import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FuseV1Options } from '@electron/fuses'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import config, { APP_ID } from '../../packaging/electron-builder.config'
import { applyFuses, electronBinaryOf } from '../../packaging/after-pack'
import { EXPECTED_FUSE_WIRE, RINGSIDE_FUSES } from '../../packaging/fuses'
import { APP_USER_MODEL_ID } from '../../src/main/electron/app'

const require = createRequire(import.meta.url)

/** electron-builder's own validation: its JSON schema and its deprecation checks. */
async function validate(candidate: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration: (c: unknown, logger: unknown) => Promise<void>
  }
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown }
  await validateConfiguration(candidate, new DebugLogger(false))
}

/** A file with an Electron fuse sentinel and the default 9-fuse wire, as Electron 45 ships it. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
function fakeElectron(wire = '101100011'): Buffer {
  return Buffer.concat([
    Buffer.from('\x7fELF padding before the wire '),
    Buffer.from(SENTINEL),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    Buffer.from(' and after')
  ])
}

describe('the electron-builder config', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined()
    // The check is real: a wrong field fails it.
    await expect(validate({ ...config, nsis: { perMachine: 'yes' } })).rejects.toThrow(/perMachine/)
  })

  it('builds AppImage and deb, NSIS with a per-machine choice, and dmg', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.nsis).toMatchObject({ oneClick: false, allowElevation: true })
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.asar).toBe(true)
    expect(config.afterPack).toBe('./packaging/after-pack.ts')
    expect(existsSync(config.afterPack as string)).toBe(true)
    expect(config.protocols).toEqual([{ name: 'Ringside', schemes: ['ringside'] }])
  })

  it('uses the AppUserModelID the app sets, so Windows shows its notifications', () => {
    expect(APP_ID).toBe(APP_USER_MODEL_ID)
  })

  it('names icons that exist, including the .ico for Windows', () => {
    for (const icon of [config.linux?.icon, config.win?.icon, config.mac?.icon]) {
      expect(typeof icon === 'string' && existsSync(icon), String(icon)).toBe(true)
    }
  })
})

describe('the fuses', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ringside-fuses-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('sets every fuse the library knows, hardened', () => {
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number')
    for (const fuse of known)
      expect(RINGSIDE_FUSES, FuseV1Options[fuse]).toHaveProperty(String(fuse))
    expect(RINGSIDE_FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
    })
  })

  it('flips a default Electron 45 wire to the hardened one in the afterPack hook', async () => {
    const binary = join(dir, 'ringside')
    await writeFile(binary, fakeElectron())

    expect(await applyFuses(binary)).toBe(EXPECTED_FUSE_WIRE)
    const bytes = await readFile(binary)
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2
    expect(bytes.subarray(at, at + 9).toString()).toBe('010011001')
  })

  it('fails the build on a binary with a fuse nobody reviewed', async () => {
    const binary = join(dir, 'ringside')
    await writeFile(binary, fakeElectron('1011000110'))
    await expect(applyFuses(binary)).rejects.toThrow(/10 fuses, not the 9 reviewed/)
  })

  it('finds the binary of each platform', () => {
    const packager = { appInfo: { productFilename: 'Ringside' }, executableName: 'ringside' }
    const at = (electronPlatformName: string): string =>
      electronBinaryOf({ appOutDir: '/out', electronPlatformName, packager })
    expect(at('linux')).toBe(join('/out', 'ringside'))
    expect(at('win32')).toBe(join('/out', 'Ringside.exe'))
    expect(at('darwin')).toBe(join('/out', 'Ringside.app'))
  })
})

describe('npm run dist:linux without a way to download Electron', () => {
  it('fails at once and says why', () => {
    const started = Date.now()
    const result = spawnSync(process.execPath, ['scripts/dist.mjs', 'linux'], {
      encoding: 'utf8',
      // An empty cache and a mirror nobody listens on: the download cannot happen, on any machine.
      env: { ...process.env, ELECTRON_CACHE: dir(), ELECTRON_MIRROR: 'http://127.0.0.1:9/' },
      timeout: 20_000
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/cannot build installers here/)
    expect(result.stderr).toMatch(/cannot be downloaded/)
    expect(Date.now() - started).toBeLessThan(15_000)
  })
})

function dir(): string {
  return join(tmpdir(), 'ringside-no-electron-cache')
}
