import type { Ext } from '../directory'
import type { ClientApp } from './clients'

/** Minimal escaping for text and attribute positions. */
function esc(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const STYLE =
  'body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0}' +
  'main{max-width:28rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px}' +
  'button{padding:.5rem 1.2rem;margin-right:.5rem}select{width:100%;padding:.4rem;margin:.5rem 0 1rem}'

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    `<style>${STYLE}</style></head><body><main>${body}</main></body></html>`
  )
}

export interface ConsentInput {
  readonly client: ClientApp
  readonly requestId: string
  readonly users: ReadonlyArray<Ext>
  readonly selected: Ext | undefined
}

/** The emulated RingCentral sign-in + consent screen: pick an extension, Approve or Deny. */
export function consentPage(input: ConsentInput): string {
  const options = input.users
    .map((u) => {
      const sel = u.id === input.selected?.id ? ' selected' : ''
      return `<option value="${esc(u.id)}"${sel}>${esc(u.extensionNumber)} — ${esc(u.name)}</option>`
    })
    .join('')
  return page(
    'Sign in — RingCentral (emulated)',
    `<h1>Sign in</h1><p><strong>${esc(input.client.name)}</strong> asks for: ` +
      `${esc(input.client.scopes.join(', '))}</p>` +
      `<form method="post" action="/restapi/oauth/authorize">` +
      `<input type="hidden" name="request_id" value="${esc(input.requestId)}">` +
      `<label for="ext">Extension</label><select id="ext" name="extension_id">${options}</select>` +
      `<button type="submit" name="decision" value="approve">Approve</button>` +
      `<button type="submit" name="decision" value="deny">Deny</button></form>`
  )
}

export function errorPage(message: string): string {
  return page(
    'Sign-in error — RingCentral (emulated)',
    `<h1>Sign-in error</h1><p>${esc(message)}</p>`
  )
}
