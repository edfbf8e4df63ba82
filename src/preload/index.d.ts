import type { RingsideApi } from './index'

// The renderer's view of the bridge is derived from the preload implementation, never written twice.
declare global {
  interface Window {
    ringside: RingsideApi
  }
}

export {}
