import { availableParallelism } from 'node:os'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Renderer component tests import .vue files; the plugin compiles them (harmless elsewhere).
  plugins: [vue()],
  test: {
    // Main, core, emulator and shared code all run in Node. Renderer tests opt into happy-dom per
    // file with `// @vitest-environment happy-dom`.
    environment: 'node',
    include: ['test/**/*.test.ts'],
    setupFiles: [
      // There is no Electron binary in CI: `electron` is test/setup/electron-mock.ts everywhere.
      'test/setup/electron.ts',
      // Browser mode's vault must not write the developer's real keyring.
      'test/setup/no-os-keyring.ts',
      // Only touches `window` and `document` when a test environment provides them.
      'test/renderer/setup.ts'
    ],
    // Fails the run, naming them, when tests leave processes running (Linux; reads /proc).
    globalSetup: [
      'test/setup/leftover-processes.ts',
      // Builds out/renderer once for the whole run, before the workers, when e2e files are in it.
      'test/setup/renderer.ts'
    ],
    // Generous for emulator, socket and browser tests; unit tests finish far below it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for a condition; its default of 1 s is a fixed time in disguise, and a
    // loaded CI machine took longer than that to show a failed pickup's message.
    expect: { poll: { timeout: 10_000 } },
    // Child processes isolate tests that touch process-wide state (env, timers, sockets).
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on a 2-core machine (CI, this one) the
    // whole suite ran in ONE worker while most files wait on sockets, timers and Chromium. Two
    // workers there cut a mixed set of 26 files from 258 s to 169 s; three thrashed (236 s, and
    // timing tests failed). More cores keep the default.
    maxWorkers: Math.max(2, availableParallelism() - 1)
  }
})
