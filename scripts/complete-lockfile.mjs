// Completes package-lock.json with the platform-specific optional packages the registry mirror of
// our build machines does not carry (most of @rollup/rollup-<os>-<cpu>). Without their entries,
// `npm ci` refuses the lockfile ("Missing: @rollup/rollup-darwin-arm64 from lock file"), here and
// on every developer machine. Each added entry names only the version and the platform, so npm
// skips it where the platform does not match and fetches it by version where it does.
// Run after any `npm install` that rewrote the lockfile: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'

const OS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'win32',
  'openharmony',
  'netbsd',
  'openbsd',
  'sunos',
  'aix'
]
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el']

/** `@rollup/rollup-linux-arm-musleabihf` → { os: ['linux'], cpu: ['arm'], libc: ['musl'] }. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-')
  const os = parts.find((p) => OS.includes(p))
  const cpu = parts.find((p) => CPU.includes(p))
  if (!os || !cpu) return undefined
  const abi = parts[parts.indexOf(cpu) + 1] ?? ''
  const libc = abi.startsWith('musl') ? ['musl'] : abi.startsWith('gnu') ? ['glibc'] : undefined
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) }
}

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(file, 'utf8'))
let added = 0
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    // npm looks a dependency up next to its dependent first, then in each ancestor node_modules.
    const candidates = []
    let base = path
    for (;;) {
      candidates.push(`${base === '' ? '' : `${base}/`}node_modules/${dep}`)
      const cut = base.lastIndexOf('/node_modules/')
      if (base === '') break
      base = cut === -1 ? '' : base.slice(0, cut)
    }
    if (candidates.some((c) => lock.packages[c])) continue
    const platform = platformOf(dep)
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue
    lock.packages[candidates[candidates.length - 1]] = {
      version,
      ...platform,
      dev: pkg.dev,
      optional: true
    }
    added++
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)
  )
)
lock.packages = sorted
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`complete-lockfile: added ${added} platform entries`)
