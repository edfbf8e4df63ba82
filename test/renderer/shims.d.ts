// The node tsconfig type-checks test/**: it needs to know what a .vue import and import.meta.hot
// are, which the web tsconfig learns from src/renderer/src/env.d.ts.
/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
