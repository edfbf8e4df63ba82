import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {},
  preload: {
    build: {
      // A sandboxed preload cannot load other files: its `require` only knows 'electron' and a few
      // polyfilled builtins, and it cannot be an ES module. So the preload must be ONE
      // self-contained CommonJS file (alex8088/electron-vite#282):
      // - externalizeDeps: false inlines every dependency instead of leaving `require('pkg')`;
      // - format 'cjs' overrides the ESM default that "type": "module" would select;
      // - inlineDynamicImports keeps even a future `import()` from splitting off a chunk.
      // `isolatedEntries` would do the last job for several entries, but in electron-vite 5.0.0 it
      // crashes every non-TTY build (CI, piped output): fixed upstream in PR #887, after 5.0.0.
      // With a single preload entry it is not needed.
      externalizeDeps: false,
      rollupOptions: {
        output: { format: 'cjs', inlineDynamicImports: true }
      }
    }
  },
  renderer: {
    plugins: [vue()]
  }
})
