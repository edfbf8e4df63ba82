// The renderer's view of the preload (`window.ringside`), for the web tsconfig, which includes
// src/preload/*.d.ts only. Importing ./index brings in its `declare global`, so the type is derived
// from the implementation (`RingsideApi = typeof api`) and written nowhere else.
export type { RingsideApi } from './index'
