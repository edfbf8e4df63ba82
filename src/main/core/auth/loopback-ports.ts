import * as t from 'io-ts'

/**
 * The loopback ports an admin registered as redirect URIs for this app, as the core takes them:
 * 1 to 10 distinct ports. Below 1024 is refused: binding there needs privileges a desktop app never
 * has, so such a port would fail on every agent's desktop. Shared by the environment variable and
 * any other source of the `loopbackPorts` core option.
 */
const LoopbackPort = new t.Type<number, number, unknown>(
  'LoopbackPort',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1024 && u <= 65535,
  (u, c) =>
    typeof u === 'number' && Number.isInteger(u) && u >= 1024 && u <= 65535
      ? t.success(u)
      : t.failure(u, c, 'a port from 1024 to 65535'),
  t.identity
)

export const MAX_LOOPBACK_PORTS = 10

export const LoopbackPorts = new t.Type<readonly number[], readonly number[], unknown>(
  'LoopbackPorts',
  (u): u is readonly number[] => Array.isArray(u) && u.every(LoopbackPort.is),
  (u, c) => {
    if (!Array.isArray(u) || u.length === 0 || u.length > MAX_LOOPBACK_PORTS) {
      return t.failure(u, c, `a list of 1 to ${MAX_LOOPBACK_PORTS} ports`)
    }
    const ports: number[] = []
    for (const [i, item] of u.entries()) {
      const port = LoopbackPort.validate(item, t.appendContext(c, String(i), LoopbackPort, item))
      if (port._tag === 'Left') return port
      if (ports.includes(port.right)) return t.failure(u, c, `port ${port.right} is listed twice`)
      ports.push(port.right)
    }
    return t.success(ports)
  },
  t.identity
)
