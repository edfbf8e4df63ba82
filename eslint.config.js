import { builtinModules } from 'node:module'
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import prettier from 'eslint-config-prettier'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Runtime boundaries (docs/architecture.md#three-runtimes-one-core):
// - the renderer and src/shared run in a browser context: neither Electron nor Node is there;
// - the sandboxed preload can load 'electron' and nothing else;
// - everything else on the main side (core, host, browser mode, CLIs) and the emulator runs in plain
//   Node, where `electron` is only a path string, so only the Electron shell (src/main/electron), its
//   entry (src/main/index.ts) and the preload may import it. The ban is an allow-list: a new folder
//   under src/ is Electron-free until it is listed here.
const ELECTRON_MESSAGE =
  'Only the Electron shell (src/main/electron, src/main/index.ts, src/preload) may import electron. ' +
  'Go through a port or the preload API instead.'
const BROWSER_NODE_MESSAGE =
  'The renderer and src/shared run in a browser context without Node builtins. ' +
  'Do the work in main and reach it through the preload API.'
const PRELOAD_NODE_MESSAGE =
  'The sandboxed preload cannot load Node builtins (only electron). Do the work in main.'

/** no-restricted-imports options banning `electron` and `electron/*`. */
function electronBan() {
  return {
    paths: [{ name: 'electron', message: ELECTRON_MESSAGE }],
    patterns: [{ group: ['electron/*'], message: ELECTRON_MESSAGE }]
  }
}

/** no-restricted-imports options banning every Node builtin, bare (fs, fs/promises) or node:*. */
function nodeBuiltinBan(message) {
  return {
    paths: builtinModules
      .filter((name) => !name.startsWith('_'))
      .map((name) => ({ name, message })),
    patterns: [{ group: ['node:*'], message }]
  }
}

function restrictImports(...bans) {
  return {
    // The TS version also sees `import x = require()`; the core rule must be off to avoid doubles.
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: bans.flatMap((ban) => ban.paths),
        patterns: bans.flatMap((ban) => ban.patterns)
      }
    ]
  }
}

export default defineConfig(
  globalIgnores(['out/', 'dist/', 'node_modules/', 'test-results/', 'coverage/', '.vite/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] }
    }
  },
  {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
      ],
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      // Caller names come from the phone network: they are rendered as text, never as HTML.
      'vue/no-v-html': 'error',
      // Single-word names such as App.vue are fine for top-level views.
      'vue/multi-word-component-names': 'off'
    }
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.vue'],
    rules: {
      // Declarations state their return type; callbacks and typed expressions (Vue setup code,
      // test bodies) may infer it, or the rule drowns the code in noise.
      '@typescript-eslint/explicit-function-return-type': [
        'error',
        {
          allowExpressions: true,
          allowTypedFunctionExpressions: true,
          allowHigherOrderFunctions: true,
          allowIIFEs: true
        }
      ]
    }
  },
  // Globals follow the runtime: browser for the renderer, Node everywhere else.
  {
    ignores: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.node } }
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    files: ['src/renderer/**', 'src/shared/**'],
    rules: restrictImports(electronBan(), nodeBuiltinBan(BROWSER_NODE_MESSAGE))
  },
  {
    files: ['src/preload/**'],
    rules: restrictImports(nodeBuiltinBan(PRELOAD_NODE_MESSAGE))
  },
  {
    files: ['src/**', 'bench/**', 'scripts/**'],
    ignores: [
      'src/main/electron/**',
      'src/main/index.ts',
      'src/preload/**',
      // These two already carry a stricter ban (electron and Node) above; a second entry for the
      // same rule would replace it rather than add to it.
      'src/renderer/**',
      'src/shared/**'
    ],
    rules: restrictImports(electronBan())
  },
  // Last, so it switches off every stylistic rule that would fight Prettier.
  prettier
)
