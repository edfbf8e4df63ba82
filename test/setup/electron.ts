/**
 * Vitest setup for every test file: `electron` resolves to the hand-written mock in
 * electron-mock.ts. There is no Electron binary in CI, and a test that reached the real package
 * would get a path string instead of an API. The factory is lazy, so files that never import
 * `electron` never load the mock. Tests that drive or inspect the fakes import them from
 * './electron-mock' directly: it is the same module instance the code under test receives.
 */
import { vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))
