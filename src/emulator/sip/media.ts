/**
 * The far end of every emulated call: a werift RTCPeerConnection that plays a tone
 * (docs/emulator.md "Media"). Host candidates on 127.0.0.1 only, no STUN, and the SDP goes into
 * SIP only once ICE gathering is complete, because the web phone does not trickle. Every peer is
 * closed when its dialog ends and when the emulator stops.
 */
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket
} from 'werift'
import { FRAME_MS, SAMPLES_PER_FRAME, toneFrames } from './tone'

export interface MediaPeer {
  /** Our SDP (offer or answer), gathering complete. */
  readonly sdp: string
  /** The browser's answer to our offer. */
  accept(answerSdp: string): Promise<void>
  /** RTP packets received from the browser so far (proof that media flows both ways). */
  readonly received: () => number
  close(): void
}

export interface Media {
  offer(): Promise<MediaPeer>
  answer(offerSdp: string): Promise<MediaPeer>
  /** Peers open now. */
  readonly open: () => number
  close(): Promise<void>
}

const GATHER_TIMEOUT_MS = 3000
const FRAMES = toneFrames()

function newPeer(): RTCPeerConnection {
  return new RTCPeerConnection({
    iceServers: [],
    iceUseIpv6: false,
    iceAdditionalHostAddresses: ['127.0.0.1'],
    codecs: {
      audio: [
        new RTCRtpCodecParameters({
          mimeType: 'audio/PCMU',
          clockRate: 8000,
          channels: 1,
          payloadType: 0
        })
      ]
    }
  })
}

async function gathered(pc: RTCPeerConnection): Promise<string> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, GATHER_TIMEOUT_MS)
      const sub = pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') done()
      })
      function done(): void {
        clearTimeout(timer)
        sub.unSubscribe()
        resolve()
      }
    })
  }
  return pc.localDescription?.sdp ?? ''
}

/** A peer with one send-receive audio track that plays the tone from the moment it exists. */
function tonePeer(registry: Set<MediaPeer>): {
  pc: RTCPeerConnection
  finish: (sdp: string) => MediaPeer
} {
  const pc = newPeer()
  const track = new MediaStreamTrack({ kind: 'audio' })
  const transceiver = pc.addTransceiver(track, { direction: 'sendrecv' })
  let received = 0
  transceiver.onTrack.subscribe((remote) => {
    remote.onReceiveRtp.subscribe(() => void received++)
  })
  let seq = Math.floor(Math.random() * 0xffff)
  let timestamp = Math.floor(Math.random() * 0xffffffff)
  let frame = 0
  const timer = setInterval(() => {
    const header = new RtpHeader({
      sequenceNumber: seq,
      timestamp,
      payloadType: 0,
      marker: frame === 0
    })
    track.writeRtp(new RtpPacket(header, FRAMES[frame % FRAMES.length]!))
    seq = (seq + 1) & 0xffff
    timestamp = (timestamp + SAMPLES_PER_FRAME) >>> 0
    frame++
  }, FRAME_MS)
  timer.unref()
  const finish = (sdp: string): MediaPeer => {
    const peer: MediaPeer = {
      sdp,
      accept: async (answerSdp) => {
        await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp })
      },
      received: () => received,
      close: () => {
        clearInterval(timer)
        registry.delete(peer)
        void pc.close().catch(() => undefined)
      }
    }
    registry.add(peer)
    return peer
  }
  return { pc, finish }
}

export function createMedia(): Media {
  const peers = new Set<MediaPeer>()
  return {
    offer: async () => {
      const { pc, finish } = tonePeer(peers)
      await pc.setLocalDescription(await pc.createOffer())
      return finish(await gathered(pc))
    },
    answer: async (offerSdp) => {
      const { pc, finish } = tonePeer(peers)
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp })
      await pc.setLocalDescription(await pc.createAnswer())
      return finish(await gathered(pc))
    },
    open: () => peers.size,
    close: async () => {
      for (const peer of [...peers]) peer.close()
    }
  }
}
