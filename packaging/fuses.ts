/**
 * The Electron fuses of the packaged app (docs/security.md#fuses), flipped by the builder's
 * `afterPack` hook (after-pack.ts) with @electron/fuses. Fuses are bits in the Electron binary
 * itself, read before any app code runs, so local malware cannot turn them back on with an
 * environment variable or a command-line flag:
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 Ringside` would be a signed Node.js that reads the
 *   app's tokens ("living off the land").
 * - NODE_OPTIONS (and NODE_EXTRA_CA_CERTS) off: no code injected through `--require`, no extra CA.
 * - Inspect arguments off: no `--inspect` or SIGUSR1 debugger attached to the main process.
 * - Cookie encryption on; the embedded asar integrity check on, with the app loaded only from the
 *   asar, so the checked archive is the one that runs.
 * - `file:` gets no extra privileges: the renderer is served from `app://` (app-protocol.ts).
 * Every fuse the pinned @electron/fuses knows is set explicitly (Element types them `Required`).
 */
import { FuseV1Options, FuseVersion } from '@electron/fuses'

export const RINGSIDE_FUSES = {
  version: FuseVersion.V1,
  // 1.8.0 knows 8 fuses and Electron 45 has 9 (WasmTrapHandlers), so the strict mode of the
  // library would refuse the binary; after-pack.ts checks the whole wire itself instead.
  strictlyRequireAllFuses: false,
  resetAdHocDarwinSignature: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
} as const

/**
 * The whole wire the packaged binary must carry after flipping, one character per fuse in
 * Electron's order (`RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
 * EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
 * LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges, WasmTrapHandlers`):
 * the ninth, WasmTrapHandlers, keeps Electron's default (on). A binary with another number of
 * fuses is a new Electron nobody reviewed: the build fails.
 */
export const EXPECTED_FUSE_WIRE = '010011001'

/** The wire as a string of '0'/'1'/'r' from what `getCurrentFuseWire` returns. */
export function wireString(wire: Readonly<Record<number, number>>, length: number): string {
  let text = ''
  for (let i = 0; i < length; i++) text += String.fromCharCode(wire[i] ?? 0)
  return text
}

/** Why `wire` is not the expected one, or undefined when it is. */
export function fuseWireProblem(wire: string): string | undefined {
  if (wire.length !== EXPECTED_FUSE_WIRE.length) {
    return `the binary has ${wire.length} fuses, not the ${EXPECTED_FUSE_WIRE.length} reviewed`
  }
  return wire === EXPECTED_FUSE_WIRE
    ? undefined
    : `the fuse wire is ${wire}, expected ${EXPECTED_FUSE_WIRE}`
}
