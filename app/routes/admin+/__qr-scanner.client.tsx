// Reads QR codes from the phone's camera with @zxing/browser (a kept decoder, not hand-written). The camera
// opens only when staff press the button, and browsers allow it only over HTTPS (or on localhost).
import { BrowserQRCodeReader, type IScannerControls } from '@zxing/browser'
import { ChecksumException, FormatException, NotFoundException } from '@zxing/library'
import { useEffect, useRef, useState } from 'react'

export default function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null)
  const controls = useRef<IScannerControls | null>(null)
  const last = useRef<{ text: string; at: number }>({ text: '', at: 0 })
  const [state, setState] = useState<'idle' | 'starting' | 'scanning' | 'failed'>('idle')
  const [problem, setProblem] = useState('')

  useEffect(() => () => controls.current?.stop(), [])

  const start = async (restarts = 0) => {
    if (!video.current) return
    setState('starting')
    try {
      const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 200 })
      controls.current = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, video.current, (result, error) => {
        if (error && !(error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException)) {
          // zxing ends its scan loop (and closes the camera) on any other error, e.g. a frame read before the video
          // had its size; the page would show "scanning" for ever. Open the camera again, a few times at most.
          controls.current = null
          if (restarts < 3) setTimeout(() => void start(restarts + 1), 300)
          else fail(error)
          return
        }
        if (!result) return
        const text = result.getText()
        const now = Date.now()
        // The same code stays in view for seconds; send it once.
        if (text === last.current.text && now - last.current.at < 4000) return
        last.current = { text, at: now }
        onCode(text)
      })
      setState('scanning')
    } catch (error) {
      fail(error)
    }
  }

  const fail = (error: unknown) => {
    setState('failed')
    setProblem(
      window.isSecureContext
        ? '无法打开摄像头，请允许浏览器使用摄像头，或直接输入报名码。'
        : '摄像头只能在 HTTPS 网址下使用；请直接输入报名码。',
    )
    console.warn(error)
  }

  const stop = () => {
    controls.current?.stop()
    controls.current = null
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
