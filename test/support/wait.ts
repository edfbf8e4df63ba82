/**
 * Polls `condition` every 10 ms until it holds; fails naming `what` once `timeoutMs` has passed.
 * Tests wait for a condition this way, never for a fixed time: CI is slower than a laptop.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
