// Reads QR codes from the phone's camera with @zxing/browser's decoder (a kept decoder, not hand-written). The camera
// opens only when staff press the button, and browsers allow it only over HTTPS (or on localhost).
//
// The scan loop is ours, not zxing's decodeFromConstraints: that sizes its capture canvas once, from the video as it
// is when playback starts, and a camera whose first frame came later left a 0×0 canvas that "found nothing" for ever
// (seen on a loaded machine: the video playing at 640×480, no code read, nothing logged). Each pass here draws the
// frame at the video's current size, and skips passes while the video has none.
import { BrowserQRCodeReader } from '@zxing/browser'
import { ChecksumException, FormatException, NotFoundException } from '@zxing/library'
import { useEffect, useRef, useState } from 'react'

const scanEveryMs = 200

export default function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null)
  const scan = useRef<{ stream: MediaStream; timer: number } | null>(null)
  const last = useRef<{ text: string; at: number }>({ text: '', at: 0 })
  const [state, setState] = useState<'idle' | 'starting' | 'scanning' | 'failed'>('idle')
  const [problem, setProblem] = useState('')

  const stopCamera = () => {
    const current = scan.current
    scan.current = null
    if (!current) return
    window.clearTimeout(current.timer)
    for (const track of current.stream.getTracks()) track.stop()
    if (video.current) video.current.srcObject = null
  }

  useEffect(() => stopCamera, [])

  const start = async () => {
    const element = video.current
    if (!element || !navigator.mediaDevices?.getUserMedia) return fail(new Error('no camera API'))
    setState('starting')
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
    } catch (error) {
      return fail(error)
    }
    stopCamera()
    element.srcObject = stream
    // play() settles once frames flow; the loop below waits for a size rather than for this promise.
    element.play().catch(() => undefined)
    const reader = new BrowserQRCodeReader()
    const canvas = document.createElement('canvas')
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) return fail(new Error('no canvas'))
    const current = { stream, timer: 0 }
    scan.current = current
    setState('scanning')
    const pass = () => {
      if (scan.current !== current) return
      const { videoWidth: width, videoHeight: height } = element
      if (width > 0 && height > 0) {
        if (canvas.width !== width || canvas.height !== height) {
          canvas.width = width
          canvas.height = height
        }
        context.drawImage(element, 0, 0, width, height)
        try {
          read(reader.decodeFromCanvas(canvas).getText())
        } catch (error) {
          // Frames without a readable code are the usual case; anything else is logged and the loop goes on.
          if (!(error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException))
            console.warn(error)
        }
      }
      current.timer = window.setTimeout(pass, scanEveryMs)
    }
    pass()
  }

  const read = (text: string) => {
    const now = Date.now()
    // The same code stays in view for seconds; send it once.
    if (text === last.current.text && now - last.current.at < 4000) return
    last.current = { text, at: now }
    onCode(text)
  }

  const fail = (error: unknown) => {
    stopCamera()
    setState('failed')
    setProblem(
      window.isSecureContext
        ? '无法打开摄像头，请允许浏览器使用摄像头，或直接输入报名码。'
        : '摄像头只能在 HTTPS 网址下使用；请直接输入报名码。',
    )
    console.warn(error)
  }

  const stop = () => {
    stopCamera()
    setState('idle')
  }

  return (
    <div className="qr-scanner">
      <video
        ref={video}
        muted
        playsInline
        className={state === 'scanning' ? 'qr-video' : 'qr-video qr-video-idle'}
        aria-label="摄像头画面：将报名确认页的二维码对准此处"
      />
      {state === 'scanning' ? (
        <button type="button" onClick={stop}>
          关闭摄像头
        </button>
      ) : (
        <button type="button" className="primary" onClick={() => void start()} disabled={state === 'starting'}>
          {state === 'starting' ? '正在打开摄像头…' : '打开摄像头扫码'}
        </button>
      )}
      {state === 'scanning' ? (
        <p className="hint" role="status">
          正在扫码…
        </p>
      ) : null}
      {problem ? (
        <p className="notice notice-warn" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  )
}
