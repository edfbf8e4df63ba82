import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Main, core, emulator and shared code all run in Node; there is no Electron binary in CI, so
    // main-process tests mock `electron` per file with test/setup/electron-mock.ts.
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Generous for emulator and socket tests; unit tests finish far below it.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Child processes isolate tests that touch process-wide state (env, timers, sockets).
    pool: 'forks'
  }
})
