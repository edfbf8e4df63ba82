import * as t from 'io-ts'
import { boundedArray } from '../../../shared/ipc/bounded'

/**
 * The loopback ports an admin registered as redirect URIs for this app, as the core takes them:
 * 1 to 10 distinct ports, tried in order. Below 1024 is refused: binding there needs privileges a
 * desktop app never has, so such a port would fail on every agent's desktop. The one codec for
 * every source of the `loopbackPorts` core option (the environment and the admin policy), built
 * from io-ts combinators so a refusal names the bad entry by its index (`value[0]`).
 */
const LoopbackPort = t.refinement(
  t.Int,
  (n) => n >= 1024 && n <= 65535,
  'a port from 1024 to 65535'
)

export const MAX_LOOPBACK_PORTS = 10

export const LoopbackPorts = t.refinement(
  boundedArray(LoopbackPort, MAX_LOOPBACK_PORTS, 'ports'),
  (ports) => ports.length > 0 && new Set(ports).size === ports.length,
  'one to ten different ports'
)
