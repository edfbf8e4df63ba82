/**
 * The runtime boundaries are enforced by ESLint (eslint.config.js). These tests run the real config on
 * snippets placed in each folder, so a config change that silently drops a boundary fails here.
 */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint()

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message)
}

describe('runtime boundaries', () => {
  it.each([
    [
      'src/renderer/src/x.ts',
      "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer\n"
    ],
    [
      'src/renderer/src/x.ts',
      "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n"
    ],
    ['src/renderer/src/x.ts', "import { join } from 'path'\nexport const x = join\n"],
    ['src/shared/x.ts', "import { app } from 'electron'\nexport const x = app\n"],
    ['src/shared/x.ts', "import { createHash } from 'crypto'\nexport const x = createHash\n"],
    ['src/emulator/x.ts', "import { app } from 'electron'\nexport const x = app\n"],
    ['src/main/core/x.ts', "import { app } from 'electron'\nexport const x = app\n"],
    // The host is shared by both shells: browser mode would fail at run time.
    ['src/main/host/x.ts', "import { app } from 'electron'\nexport const x = app\n"],
    ['src/main/web/x.ts', "import { app } from 'electron'\nexport const x = app\n"],
    ['src/main/cli/x.ts', "import { shell } from 'electron'\nexport const x = shell\n"],
    ['src/main/web/x.ts', "import { ipcMain } from 'electron/main'\nexport const x = ipcMain\n"],
    // An allow-list: a folder nobody thought of is Electron-free too.
    ['src/main/new-folder/x.ts', "import { app } from 'electron'\nexport const x = app\n"],
    ['bench/x.ts', "import { app } from 'electron'\nexport const x = app\n"],
    ['src/preload/x.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n"]
  ])('%s may not run `%s`', async (file, code) => {
    expect(await restrictedImports(file, code)).toHaveLength(1)
  })

  it.each([
    ['src/main/electron/x.ts', "import { app } from 'electron'\nexport const x = app\n"],
    ['src/main/index.ts', "import { app } from 'electron'\nexport const x = app\n"],
    [
      'src/main/core/x.ts',
      "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n"
    ],
    [
      'src/preload/x.ts',
      "import { contextBridge } from 'electron'\nexport const x = contextBridge\n"
    ],
    ['src/shared/x.ts', "import * as t from 'io-ts'\nexport const x = t.string\n"]
  ])('%s may import what its runtime has', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([])
  })
})
