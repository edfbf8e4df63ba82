/**
 * Electron accelerators (https://www.electronjs.org/docs/latest/api/accelerator): `Modifier+…+Key`,
 * checked before the shell ever calls `globalShortcut.register`, so the settings screen can say
 * what is wrong with a combination, and a policy file can be refused for one. Pure: the renderer,
 * the settings codec and the policy all use it.
 *
 * Ringside asks for more than Electron does: a global shortcut fires in every application, so a
 * combination without Ctrl/Cmd, Alt or Super (`K`, `Shift+K`) would swallow that key while the
 * agent types in the CRM. It is refused. Function keys and media keys may stand alone: they type
 * nothing, and a spare F-key (or a headset's play button) is a common pickup key on a call floor.
 */

/** Electron's modifier names (case-insensitive), and whether each one alone makes a combination safe. */
const MODIFIERS: Readonly<Record<string, boolean>> = {
  command: true,
  cmd: true,
  control: true,
  ctrl: true,
  commandorcontrol: true,
  cmdorctrl: true,
  alt: true,
  option: true,
  altgr: true,
  super: true,
  meta: true,
  shift: false
}

const NAMED_KEYS = new Set(
  (
    'Plus Space Tab Capslock Numlock Scrolllock Backspace Delete Insert Return Enter Up Down Left Right Home End ' +
    'PageUp PageDown Escape Esc VolumeUp VolumeDown VolumeMute MediaNextTrack MediaPreviousTrack MediaStop MediaPlayPause PrintScreen numdec numadd numsub nummult numdiv'
  )
    .split(' ')
    .map((k) => k.toLowerCase())
)

/** Single characters Electron names as themselves (US layout punctuation). */
const PUNCTUATION = new Set([...')!@#$%^&*(:;:+=<,_->.?/~`{][|\\}"\''])

/** Keys that type nothing, so a shortcut may use them without a modifier. */
const standsAlone = (key: string): boolean =>
  /^f([1-9]|1\d|2[0-4])$/i.test(key) || /^(media|volume)/i.test(key)

function isKey(part: string): boolean {
  if (/^[a-z0-9]$/i.test(part) || PUNCTUATION.has(part)) return true
  if (/^f([1-9]|1\d|2[0-4])$/i.test(part)) return true
  if (/^num[0-9]$/i.test(part)) return true
  return NAMED_KEYS.has(part.toLowerCase())
}

/**
 * Why `accelerator` cannot be Ringside's global shortcut, in the agent's words, or undefined when it
 * can. `+` as a key is spelled `Plus`, as Electron requires.
 */
export function acceleratorProblem(accelerator: string): string | undefined {
  const parts = accelerator.split('+')
  if (accelerator.trim() === '' || parts.some((p) => p === ''))
    return 'That is not a key combination (write the keys joined with +, such as CommandOrControl+Alt+P).'
  const key = parts[parts.length - 1]!
  const modifiers = parts.slice(0, -1).map((m) => m.toLowerCase())
  const unknown = modifiers.find((m) => MODIFIERS[m] === undefined)
  if (unknown !== undefined)
    return `"${parts[modifiers.indexOf(unknown)]}" is not a modifier key (use Ctrl, Alt, Shift, Super or CommandOrControl).`
  if (new Set(modifiers).size !== modifiers.length) return 'A modifier key is named twice.'
  if (!isKey(key)) return `"${key}" is not a key Electron can use in a shortcut.`
  if (!standsAlone(key) && !modifiers.some((m) => MODIFIERS[m] === true))
    return 'A global shortcut needs Ctrl, Alt, Super or Cmd: without one it would take that key away from every other application.'
  return undefined
}

export const isAccelerator = (s: string): boolean => acceleratorProblem(s) === undefined
