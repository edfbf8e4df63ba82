/**
 * Transport-agnostic IPC dispatch: decode the arguments with the contract's codec, run the handler,
 * wrap the outcome in a result envelope. The Electron router and the browser-mode bridge both call
 * this after their own sender checks, so every transport decodes the same way.
 */
import { isLeft } from 'fp-ts/lib/Either'
import * as t from 'io-ts'
import { reportErrors } from '../../shared/events'
import { onlyBoundFailures } from '../../shared/ipc/bounded'
import {
  type ArgsOf,
  type Channel,
  contract,
  type Envelope,
  type ResultOf
} from '../../shared/ipc/contract'

/** A handler returns its value, or an envelope when it has a typed failure to report. */
export type Handler<C extends Channel> = (
  ...args: ArgsOf<C>
) => Promise<ResultOf<C> | Envelope<ResultOf<C>>> | ResultOf<C> | Envelope<ResultOf<C>>

export type Handlers = { readonly [C in Channel]: Handler<C> }

/** Thrown by handlers for failures the renderer should show as they are. */
export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** For IT, shown under "technical detail" (never a secret). */
    readonly detail?: string
  ) {
    super(message)
  }
}

const isEnvelope = (v: unknown): v is Envelope<unknown> =>
  typeof v === 'object' && v !== null && 'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean'

export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)

/**
 * How many arguments a channel takes, or undefined when its codec is not a plain tuple. io-ts tuples
 * strip surplus elements instead of failing, so the count is checked separately: a renderer that
 * sends more than the contract says is confused or hostile, and is told so.
 */
function arityOf(codec: t.Mixed): number | undefined {
  if (codec instanceof t.TupleType) return (codec.types as readonly unknown[]).length
  return codec.name === '[]' ? 0 : undefined
}

const badArguments = (message: string): Envelope<never> => ({
  ok: false,
  error: { code: 'bad-arguments', message }
})

/**
 * Why the arguments did not decode, as the renderer is told: `invalid-argument` when they had the
 * right shape and only broke a size bound (the message names the path and the limit: `[0]: at
 * most 100 lines, got 101`), `bad-arguments` for anything else.
 */
function refusal(channel: Channel, errors: t.Errors): Envelope<never> {
  const where = reportErrors(errors)
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ')
  const code = onlyBoundFailures(errors) ? 'invalid-argument' : 'bad-arguments'
  return { ok: false, error: { code, message: `${channel}: ${where}` } }
}

/**
 * Decodes `args` for `channel`, runs its handler and wraps the outcome in an envelope. Never throws:
 * unknown channels, arguments that do not decode and handler errors all come back as `ok: false`.
 * Arguments that do not decode never reach the handler, so nothing they ask for happens.
 * `onError` sees handler exceptions (for the log); their text reaches the renderer only for
 * `HandlerError`.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  args: unknown,
  onError: (channel: string, error: unknown) => void = () => undefined
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: 'That action does not exist.' } }
  }
  const codec: t.Mixed = contract[channel].args
  const arity = arityOf(codec)
  if (!Array.isArray(args)) return badArguments(`${channel}: the arguments must be a list`)
  if (arity !== undefined && args.length !== arity) {
    return badArguments(`${channel}: expected ${arity} argument(s), got ${args.length}`)
  }
  let decoded: t.Validation<unknown>
  try {
    decoded = codec.decode(args)
  } catch {
    // Codecs do not throw on data; this guards against a future refinement that does.
    return badArguments(`${channel}: the arguments could not be read`)
  }
  if (isLeft(decoded)) return refusal(channel, decoded.left)
  try {
    const handler = handlers[channel] as (...a: readonly unknown[]) => unknown
    const value = await handler(...(decoded.right as readonly unknown[]))
    return isEnvelope(value) ? value : { ok: true, value: value === undefined ? null : value }
  } catch (error) {
    onError(channel, error)
    if (error instanceof HandlerError) {
      const { code, message, detail } = error
      return { ok: false, error: { code, message, ...(detail === undefined ? {} : { detail }) } }
    }
    // Internal detail stays in main (logged above); the renderer gets a message a person can read.
    return {
      ok: false,
      error: { code: 'internal', message: 'Something went wrong in Ringside; see Diagnostics.' }
    }
  }
}
