/**
 * Saves text as a file through a Blob and an `<a download>`: works in Electron and in Chromium
 * without any Node API, and needs no CSP exception (the blob URL is never fetched by script).
 */
export function downloadText(
  fileName: string,
  content: string,
  type = 'application/x-ndjson'
): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoke on the next turn: Chromium starts the download from the click synchronously, but some
  // builds read the blob a tick later.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
