/**
 * electron-builder's `afterPack` hook: flips the fuses (fuses.ts) in the packed Electron binary,
 * then reads the wire back and fails the build unless it is exactly the expected one. It runs
 * before the installers are made and signed, so every artifact carries the same binary.
 */
import { join } from 'node:path'
import { flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { fuseWireProblem, RINGSIDE_FUSES, wireString } from './fuses'

/** The parts of electron-builder's AfterPackContext the hook reads. */
export interface PackedApp {
  readonly appOutDir: string
  readonly electronPlatformName: string
  readonly packager: {
    readonly appInfo: { readonly productFilename: string }
    readonly executableName?: string
  }
}

/** The file whose fuse wire counts: the app bundle on macOS, the executable elsewhere. */
export function electronBinaryOf(context: PackedApp): string {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${name}.app`)
    case 'win32':
      return join(appOutDir, `${name}.exe`)
    default:
      return join(appOutDir, packager.executableName ?? name.toLowerCase())
  }
}

/** Flips and verifies; throws (failing the build) when the wire is not the expected one. */
export async function applyFuses(binary: string): Promise<string> {
  await flipFuses(binary, RINGSIDE_FUSES)
  const wire = await getCurrentFuseWire(binary)
  const length = Object.keys(wire).filter((key) => /^\d+$/.test(key)).length
  const text = wireString(wire as unknown as Record<number, number>, length)
  const problem = fuseWireProblem(text)
  if (problem !== undefined) throw new Error(`Ringside fuses: ${problem} (${binary})`)
  return text
}

export default async function afterPack(context: PackedApp): Promise<void> {
  const wire = await applyFuses(electronBinaryOf(context))
  console.log(`Ringside fuses: ${wire} in ${context.electronPlatformName}`)
}
