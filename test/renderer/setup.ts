/**
 * Renderer test setup: a clean `window.ringside` slot before every test. Tests install their own
 * fake (fake-main.ts) and stores are created per test with a fresh Pinia.
 */
import { afterEach } from 'vitest'

afterEach(() => {
  if (typeof window !== 'undefined' && 'ringside' in window) {
    Reflect.deleteProperty(window, 'ringside')
  }
  if (typeof document !== 'undefined') document.body.innerHTML = ''
})
