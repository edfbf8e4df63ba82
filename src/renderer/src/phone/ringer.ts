/**
 * The local ringtone, on the ringer device the agent chose (which may differ from the headset the
 * call plays on). Made with Web Audio rather than a bundled file: a two-tone ring needs no asset,
 * and routing it through an <audio> element is what lets `setSinkId` pick the ringer device.
 */
export interface Ringer {
  /** Starts or stops ringing; idempotent. */
  ring(on: boolean): void
  setDevice(deviceId: string | null): void
  readonly ringing: boolean
  dispose(): void
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }

export function createRinger(): Ringer {
  let context: AudioContext | undefined
  let element: SinkAudio | undefined
  let stopTone: (() => void) | undefined
  let device: string | null = null

  function start(): void {
    if (typeof AudioContext === 'undefined') return
    context ??= new AudioContext()
    const destination = context.createMediaStreamDestination()
    const gain = context.createGain()
    gain.gain.value = 0
    gain.connect(destination)
    const oscillators = [440, 480].map((f) => {
      const o = context!.createOscillator()
      o.frequency.value = f
      o.connect(gain)
      o.start()
      return o
    })
    // North American ring cadence: 2 s on, 4 s off.
    const t0 = context.currentTime
    for (let i = 0; i < 100; i++) {
      gain.gain.setValueAtTime(0.2, t0 + i * 6)
      gain.gain.setValueAtTime(0, t0 + i * 6 + 2)
    }
    element = new Audio() as SinkAudio
    element.srcObject = destination.stream
    if (device !== null) void element.setSinkId?.(device).catch(() => undefined)
    void element.play().catch(() => undefined)
    stopTone = () => {
      for (const o of oscillators) o.stop()
      gain.disconnect()
      if (element) {
        element.pause()
        element.srcObject = null
      }
    }
  }

  const ringer: Ringer = {
    ring(on) {
      if (on && stopTone === undefined) start()
      if (!on && stopTone !== undefined) {
        stopTone()
        stopTone = undefined
      }
    },
    setDevice(id) {
      device = id
      if (element && id !== null) void element.setSinkId?.(id).catch(() => undefined)
    },
    get ringing() {
      return stopTone !== undefined
    },
    dispose() {
      ringer.ring(false)
      void context?.close().catch(() => undefined)
      context = undefined
    }
  }
  return ringer
}
