import { describe, expect, it } from 'vitest'
import { createAuthStateMachine } from '../../../../src/main/core/auth/auth-state'
import type { AuthState } from '../../../../src/main/core/auth/auth-types'
import { AuthError } from '../../../../src/main/core/auth/errors'

const SIGNED_IN = {
  method: 'jwt',
  ownerId: '1001',
  server: 'https://platform.ringcentral.com',
  persistence: 'memory',
  reconnecting: false
} as const

describe('auth state machine', () => {
  it('starts signed out and tells every listener about every transition, in order', () => {
    const machine = createAuthStateMachine(() => undefined)
    expect(machine.state).toEqual({ status: 'signed-out' })
    const seen: AuthState[] = []
    machine.onChange((state) => seen.push(state))
    machine.signingIn('jwt')
    machine.signedIn(SIGNED_IN)
    machine.signedOut(new AuthError('revoked'))
    expect(seen.map((s) => s.status)).toEqual(['signing-in', 'signed-in', 'signed-out-with-reason'])
    expect(machine.state).toEqual({
      status: 'signed-out-with-reason',
      reason: { code: 'revoked', message: new AuthError('revoked').message }
    })
    machine.signedOut()
    expect(machine.state).toEqual({ status: 'signed-out' })
  })

  it('sets reconnecting only while signed in', () => {
    const machine = createAuthStateMachine(() => undefined)
    const seen: AuthState[] = []
    machine.onChange((state) => seen.push(state))
    machine.reconnecting(true)
    expect(seen).toEqual([])
    machine.signedIn(SIGNED_IN)
    machine.reconnecting(true)
    expect(machine.state).toEqual({ status: 'signed-in', ...SIGNED_IN, reconnecting: true })
  })

  it('a throwing listener is logged by name and the others still hear the change', () => {
    const warnings: string[] = []
    const machine = createAuthStateMachine((message) => warnings.push(message))
    const seen: string[] = []
    machine.onChange(() => {
      throw new TypeError('token-looking text that must not be logged')
    })
    const stop = machine.onChange((state) => seen.push(state.status))
    machine.signingIn('browser')
    expect(seen).toEqual(['signing-in'])
    expect(warnings).toEqual(['[auth] a state listener threw: TypeError'])
    stop()
    machine.signedOut()
    expect(seen).toEqual(['signing-in'])
  })
})
