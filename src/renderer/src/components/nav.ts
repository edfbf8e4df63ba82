/** The app's screens, in rail order. */
export type ViewName = 'board' | 'calls' | 'sessions' | 'settings' | 'diagnostics'

export const VIEWS: ReadonlyArray<{
  readonly name: ViewName
  readonly label: string
  readonly glyph: string
}> = [
  { name: 'board', label: 'Board', glyph: '▦' },
  { name: 'calls', label: 'Calls', glyph: '☎' },
  { name: 'sessions', label: 'Sessions', glyph: '≣' },
  { name: 'settings', label: 'Settings', glyph: '⚙' },
  { name: 'diagnostics', label: 'Diagnostics', glyph: '⚕' }
]
