import { request } from 'node:http'

export interface RawResponse {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** A plain HTTP request where the test controls the Host header, method and raw target. */
export function rawRequest(
  port: number,
  options: { path: string; method?: string; host?: string }
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${port}` },
        agent: false
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8')
          })
        )
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end()
  })
}

/** The error code of a request that could not connect (ECONNREFUSED), or the response status. */
export async function statusOrError(
  port: number,
  options: { path: string; method?: string; host?: string }
): Promise<number | string> {
  try {
    return (await rawRequest(port, options)).status
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : 'error'
  }
}
