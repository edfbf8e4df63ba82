import { beforeEach, describe, expect, it, vi } from 'vitest'
import { NotificationMock, resetElectronMock } from '../../setup/electron-mock'
import { createDesktopNotifier, type DesktopNotifier } from '../../../src/main/electron/notifier'

interface Setup {
  notifier: DesktopNotifier
  onClick: ReturnType<typeof vi.fn>
  shown: NotificationMock[]
}

function setup(supported = true): Setup {
  const onClick = vi.fn()
  const notifier = createDesktopNotifier({
    isSupported: () => supported,
    create: (options) => new NotificationMock(options),
    onClick
  })
  return { notifier, onClick, shown: NotificationMock.instances }
}

describe('createDesktopNotifier', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('shows a native notification with the pop-up text', () => {
    const { notifier, shown } = setup()

    notifier.notify({ title: 'Front desk is ringing', body: 'Ada Lovelace', tag: 's-1' })

    expect(shown).toHaveLength(1)
    expect(shown[0]?.options).toMatchObject({
      title: 'Front desk is ringing',
      body: 'Ada Lovelace'
    })
    expect(shown[0]?.show).toHaveBeenCalledTimes(1)
  })

  it('keeps one notification per tag: a second one replaces the first', () => {
    const { notifier, shown } = setup()

    notifier.notify({ title: 'a', body: 'first', tag: 's-1' })
    notifier.notify({ title: 'a', body: 'other call', tag: 's-2' })
    notifier.notify({ title: 'a', body: 'second', tag: 's-1' })

    expect(shown).toHaveLength(3)
    expect(shown[0]?.close).toHaveBeenCalledTimes(1)
    expect(shown[1]?.close).not.toHaveBeenCalled()
    expect(shown[2]?.close).not.toHaveBeenCalled()
  })

  it('cleans hostile text again before it reaches the OS', () => {
    const { notifier, shown } = setup()

    notifier.notify({ title: '<img src=x onerror=alert(1)>\u202eX', body: 'y\u0000'.repeat(5000) })

    const options = shown[0]?.options ?? {}
    expect(options.title).toBe('X')
    expect(options.body?.length).toBeLessThanOrEqual(120)
    expect(options.body).not.toContain('\u0000')
  })

  it('brings Ringside forward when the agent clicks', () => {
    const { notifier, onClick, shown } = setup()
    notifier.notify({ title: 't', body: 'b', tag: 's-1' })

    shown[0]?.emit('click')

    expect(onClick).toHaveBeenCalledExactlyOnceWith('s-1')
  })

  it('closes by tag, forgets notifications the OS closed, and closes all on dispose', () => {
    const { notifier, shown } = setup()
    notifier.notify({ title: 't', body: 'b', tag: 's-1' })
    notifier.notify({ title: 't', body: 'b', tag: 's-2' })
    notifier.notify({ title: 't', body: 'b', tag: 's-3' })

    notifier.close('s-1')
    shown[1]?.emit('close')
    notifier.dispose()

    expect(shown[0]?.close).toHaveBeenCalledTimes(1)
    expect(shown[1]?.close).not.toHaveBeenCalled()
    expect(shown[2]?.close).toHaveBeenCalledTimes(1)
  })

  it('does nothing where notifications are not supported', () => {
    const { notifier, shown } = setup(false)
    notifier.notify({ title: 't', body: 'b', tag: 's-1' })
    expect(shown).toHaveLength(0)
  })

  it('bounds how many stay open', () => {
    const { notifier, shown } = setup()
    for (let i = 0; i < 80; i++) notifier.notify({ title: 't', body: 'b', tag: `s-${i}` })

    const open = shown.filter((n) => n.close.mock.calls.length === 0)
    expect(open).toHaveLength(50)
  })
})
