import './assets/main.css'

import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import PopupApp from './PopupApp.vue'
import { startBridge } from './bridge'
import { nextFrame } from './lib/frame-batch'

async function boot(): Promise<void> {
  // In Chromium (browser mode) there is no preload: the web bridge installs the same API over the
  // loopback socket before anything reads it.
  let onReconnect: ((listener: () => void) => () => void) | undefined
  if (!('ringside' in window)) {
    const web = await import('./web-bridge')
    await web.installWebBridge()
    onReconnect = web.onWebBridgeReconnect
  }
  // The tray pop-up is a route of the same app (`#/popup`), so browser mode and tests open it too.
  const app = createApp(location.hash.startsWith('#/popup') ? PopupApp : App)
  app.use(createPinia())
  // Mount first so the window shows "connecting…" while the first snapshot loads.
  app.mount('#app')
  // Patches reach the stores once per animation frame, however many messages a burst brings.
  const dispose = await startBridge({
    frames: nextFrame(),
    ...(onReconnect ? { onReconnect } : {})
  })
  window.addEventListener('pagehide', dispose, { once: true })
  if (import.meta.hot) import.meta.hot.dispose(dispose)
}

boot().catch((error: unknown) => {
  // Without this a refused or missing bridge secret would leave a blank window.
  const root = document.getElementById('app') ?? document.body
  const message = document.createElement('p')
  message.setAttribute('role', 'alert')
  message.style.cssText = 'font: 15px system-ui, sans-serif; margin: 48px auto; max-width: 520px'
  message.textContent = `Ringside could not start: ${error instanceof Error ? error.message : String(error)}`
  root.replaceChildren(message)
})
