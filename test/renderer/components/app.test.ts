// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import App from '../../../src/renderer/src/App.vue'
import { startBridge } from '../../../src/renderer/src/bridge'
import { useToastsStore } from '../../../src/renderer/src/stores/toasts'
import type { DiagnosticsView } from '../../../src/shared/ipc/status'
import { emptySnapshot } from '../../../src/shared/state/patches'
import { FakeMain, ok, signedInStatus } from '../fake-main'
import { lines, parked, ringing } from '../fixtures'
import { fakeViewport } from '../viewport'

const DIAGNOSTICS: DiagnosticsView = {
  counters: {
    total: 10,
    invalidEnvelopes: 1,
    unknownKinds: 0,
    warnings: 2,
    byKind: { 'telephony-sessions': { ok: 8, invalid: 2 } }
  },
  connectionProblems: { 'wsg-timeout': 3 },
  recentErrors: [
    {
      receivedAt: '2024-01-01T10:00:00.000Z',
      kind: 'telephony-sessions',
      event: '/restapi/v1.0/account/1/telephony/sessions',
      errors: [{ path: 'body.parties[0].status.code', message: 'expected string, got 42' }]
    },
    {
      receivedAt: '2024-01-01T10:05:00.000Z',
      kind: 'detailed-presence-sip',
      event: null,
      errors: [{ path: 'body.activeCalls[1].sipData.toTag', message: 'expected string, got 42' }]
    }
  ],
  recentWarnings: []
}

describe('App', () => {
  let main: FakeMain
  let w: VueWrapper
  let dispose: () => void
  let restore: () => void

  beforeEach(async () => {
    restore = fakeViewport(1200, 800)
    const pinia = createPinia()
    setActivePinia(pinia)
    main = new FakeMain().install()
    main.status = {
      ...signedInStatus({ connection: { status: 'idle' } }),
      auth: { status: 'signed-out' }
    }
    main.snapshot = { ...emptySnapshot, lines: lines(12), parkedCalls: [parked('s-1')] }
    main.handle('diagnostics:get', () => ok(DIAGNOSTICS))
    w = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
    dispose = await startBridge()
    await flushPromises()
  })
  afterEach(() => {
    w.unmount()
    dispose()
    useToastsStore().$reset()
    restore()
  })

  const signIn = async (): Promise<void> => {
    await w.get('[data-testid="signin-demo"]').trigger('click')
    main.setStatus(signedInStatus())
    await flushPromises()
  }

  it('starts on sign-in with the demo first and the connection state visible', async () => {
    expect(w.get('[data-testid="connection-badge"]').attributes('data-status')).toBe('idle')
    expect(w.get('[data-testid="signin-demo"]').text()).toBe('Try the demo')
    expect(w.find('[data-testid="board"]').exists()).toBe(false)
    await signIn()
    expect(main.calls.map((c) => c.channel)).toContain('sign-in:start-demo')
    expect(w.get('[data-testid="connection-badge"]').attributes('data-status')).toBe('live')
    expect(w.find('[data-testid="line-1"]').exists()).toBe(true)
  })

  it('switches screens from the rail and with Alt+digit', async () => {
    await signIn()
    await w.get('[data-testid="nav-calls"]').trigger('click')
    expect(w.find('[data-testid="parked-s-1"]').exists()).toBe(true)
    expect(w.get('[data-testid="nav-calls"]').attributes('aria-current')).toBe('page')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }))
    await flushPromises()
    expect(w.find('[data-testid="sessions-table"]').exists()).toBe(true)
    await w.get('[data-testid="nav-settings"]').trigger('click')
    expect(w.text()).toContain('Monitored lines')
    await w.get('[data-testid="nav-board"]').trigger('click')
    expect(w.find('[data-testid="board"]').exists()).toBe(true)
  })

  it('says in Settings where the key to the stored sign-in lives, and why when it is a file', async () => {
    await signIn()
    const signedIn = signedInStatus()
    if (signedIn.auth.status !== 'signed-in') throw new Error('fixture')
    const inFile = {
      where: 'key-file',
      reason: 'the OS keyring is not available (no session bus), so the token key is kept in a file'
    } as const
    main.setStatus({ ...signedIn, auth: { ...signedIn.auth, keyStorage: inFile } })
    await w.get('[data-testid="nav-settings"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="key-storage"]').text()).toContain(
      'the OS keyring is not available (no session bus)'
    )
    expect(w.get('[data-testid="key-storage"]').text()).toContain('Anyone who can read your files')
    main.setStatus({ ...signedIn, auth: { ...signedIn.auth, keyStorage: { where: 'os-keyring' } } })
    await flushPromises()
    expect(w.get('[data-testid="key-storage"]').text()).toContain('kept in the OS keyring')
  })

  it('shows decode errors with their paths, newest first, and exports the bundle', async () => {
    await signIn()
    await w.get('[data-testid="nav-diagnostics"]').trigger('click')
    await flushPromises()
    const items = w.get('[data-testid="diagnostics-errors"]').findAll('li.errors__item')
    expect(items.map((i) => i.text())).toEqual([
      expect.stringContaining('body.activeCalls[1].sipData.toTag'),
      expect.stringContaining('body.parties[0].status.code')
    ])
    expect(w.text()).toContain('wsg-timeout')

    main.handle('diagnostics:export', () =>
      ok({ fileName: 'ringside-support.jsonl', content: '{"a":1}\n' })
    )
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    await w.get('[data-testid="diagnostics-export"]').trigger('click')
    await flushPromises()
    expect(create).toHaveBeenCalledWith(expect.any(Blob))
    expect(click).toHaveBeenCalledTimes(1)
    expect(w.text()).toContain('Saved ringside-support.jsonl')
    create.mockRestore()
    click.mockRestore()
  })

  it('says what the support bundle holds before it is saved, tied to the button', async () => {
    await signIn()
    await w.get('[data-testid="nav-diagnostics"]').trigger('click')
    await flushPromises()
    const note = w.get('[data-testid="diagnostics-bundle-note"]')
    const button = w.get('[data-testid="diagnostics-export"]')
    expect(button.attributes('aria-describedby')).toBe(note.attributes('id'))
    expect(note.text()).toMatch(/most recent notifications/)
    expect(note.text()).toMatch(
      /Phone numbers, names and SIP call identifiers are replaced by codes/
    )
    expect(note.text()).toMatch(/Passwords and sign-in tokens are left out/)
    expect(note.text()).toMatch(/sends it nowhere/)
  })

  it('shows the incoming pane only while something rings or the agent is on a call', async () => {
    await signIn()
    expect(w.find('[data-testid="incoming-pane"]').exists()).toBe(false)
    main.setState({ ...main.snapshot, ringingLines: [ringing('s-5', '3')] })
    await flushPromises()
    expect(
      w.get('[data-testid="incoming-pane"]').find('[data-testid="ringing-s-5"]').exists()
    ).toBe(true)
    expect(w.get('[data-testid="line-3"]').text()).toContain('Jane Caller')
  })
})
