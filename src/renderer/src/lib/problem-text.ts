/**
 * Diagnostics in words for the IT person reading them: what a connection problem means, and
 * counts with the right plural. The code stays one click away (a <details> in the view) for
 * whoever reports it to Ringside's developers.
 */

const PROBLEM_WORDS: Readonly<Record<string, string>> = {
  'listener-threw':
    "Ringside failed while handling a message from RingCentral's connection; the message may be lost, and the next resync corrects the board.",
  'malformed-frame':
    'RingCentral sent a message on the connection that Ringside could not read; it was skipped.',
  terminated: 'The connection to RingCentral was cut off or timed out, and Ringside reconnected.',
  'wsg-timeout': 'RingCentral did not answer on the connection in time, and Ringside reconnected.'
}

/** The problem in words; a kind Ringside has no words for yet says so and shows its code. */
export function problemText(kind: string): string {
  return PROBLEM_WORDS[kind] ?? 'Something went wrong on the connection to RingCentral.'
}

/** "1 warning", "2 warnings", "0 warnings". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
