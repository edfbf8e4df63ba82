/**
 * The SIP socket against hostile or odd input from a raw WebSocket client (no web phone): wrong
 * subprotocol, foreign Host, unreadable frames, requests outside any dialog, two Replaces. Nothing
 * crashes, nothing closes the socket, and every request gets a clear answer.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startEmulator, type Emulator } from '../../../src/emulator'
import { digestResponse } from '../../../src/emulator/sip/digest'
import { header, parseMessage, type SipResponse } from '../../../src/emulator/sip/message'
import { waitFor } from '../../support/wait'

let emulator: Emulator | undefined
const sockets: WebSocket[] = []
afterEach(async () => {
  for (const s of sockets) s.terminate()
  sockets.length = 0
  await emulator?.close()
  emulator = undefined
})

interface Client {
  readonly socket: WebSocket
  readonly received: SipResponse[]
  send(text: string): void
}

async function connect(protocol: string | undefined, host?: string): Promise<Client> {
  const socket = new WebSocket(emulator!.sipUrl!, protocol === undefined ? [] : [protocol], {
    rejectUnauthorized: false,
    ...(host === undefined ? {} : { headers: { Host: host } })
  })
  sockets.push(socket)
  const received: SipResponse[] = []
  socket.on('message', (data: Buffer) => {
    const parsed = parseMessage(data.toString('utf8'))
    if (parsed.ok && parsed.message.kind === 'response') received.push(parsed.message)
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return { socket, received, send: (text) => socket.send(text) }
}

const lines = (...l: string[]): string => l.join('\r\n')

function invite(cseq: number, extra: string[]): string {
  return lines(
    'INVITE sip:102@sip.ringcentral.com SIP/2.0',
    'Call-Id: raw-call-1',
    'From: <sip:x@sip.ringcentral.com>;tag=raw',
    'To: <sip:102@sip.ringcentral.com>',
    'Via: SIP/2.0/WSS raw.invalid;branch=z9hG4bK-raw',
    `CSeq: ${cseq} INVITE`,
    ...extra,
    '',
    ''
  )
}

describe('the SIP socket with a raw client', () => {
  it('closes a socket without the sip subprotocol, refuses a foreign Host', async () => {
    emulator = await startEmulator({ port: 0, traffic: false })
    const plain = await connect(undefined)
    await waitFor(() => plain.socket.readyState === WebSocket.CLOSED, 'the close')
    await expect(connect('sip', 'evil.example')).rejects.toThrow()
  })

  it('keeps the socket on garbage, answers OPTIONS, 481 outside a dialog, 400 for two Replaces', async () => {
    emulator = await startEmulator({ port: 0, traffic: false })
    const c = await connect('sip')
    c.send('garbage')
    c.send(Buffer.from([0, 1, 2]).toString('latin1') + '\r\n\r\n')
    c.send(
      lines(
        'OPTIONS sip:sip.ringcentral.com SIP/2.0',
        'Call-Id: o1',
        'CSeq: 1 OPTIONS',
        'Via: SIP/2.0/WSS r;branch=1',
        '',
        ''
      )
    )
    c.send(
      lines(
        'BYE sip:sip.ringcentral.com SIP/2.0',
        'Call-Id: nope',
        'CSeq: 2 BYE',
        'Via: SIP/2.0/WSS r;branch=2',
        '',
        ''
      )
    )
    await waitFor(() => c.received.length >= 2, 'two answers')
    expect(c.received.map((r) => `${header(r, 'CSeq')} ${r.status}`)).toEqual([
      '1 OPTIONS 200',
      '2 BYE 481'
    ])

    // An INVITE is challenged first; the authorised retry with two Replaces is 183 then 400.
    c.send(invite(3, []))
    await waitFor(() => c.received.length >= 3, 'the 407')
    const challenge = c.received[2]!
    expect(challenge.status).toBe(407)
    const nonce = /, nonce="(.+?)"/.exec(header(challenge, 'Proxy-Authenticate') ?? '')![1]!
    const phone = emulator.cast.demoAgent.devices.find((d) => d.type === 'WebPhone')!
    const password = emulator.sip!.accounts.forDevice(phone.id)!.password
    const domain = 'sip.ringcentral.com'
    const response = digestResponse(
      { authorizationId: phone.id, domain, password },
      'INVITE',
      nonce
    )
    const auth = `Proxy-Authorization: Digest algorithm="MD5", username="${phone.id}", realm="${domain}", nonce="${nonce}", uri="sip:${domain}", response="${response}"`
    c.send(invite(4, [auth, 'Replaces: a;to-tag=1;from-tag=2', 'Replaces: b;to-tag=1;from-tag=2']))
    await waitFor(
      () => c.received.filter((r) => header(r, 'CSeq') === '4 INVITE').length >= 3,
      'the answers'
    )
    const answers = c.received.filter((r) => header(r, 'CSeq') === '4 INVITE').map((r) => r.status)
    expect(answers).toEqual([100, 183, 400])
    // A replayed nonce is challenged again, never accepted.
    c.send(invite(5, [auth, 'Replaces: a;to-tag=1;from-tag=2']))
    await waitFor(() => c.received.some((r) => header(r, 'CSeq') === '5 INVITE'), 'the answer')
    expect(c.received.find((r) => header(r, 'CSeq') === '5 INVITE')!.status).toBe(407)
    expect(c.socket.readyState).toBe(WebSocket.OPEN)
  })
})
