// A Y4M video of a QR code, for Chromium's fake camera: the check-in page then scans it as a phone would.
import { writeFileSync } from 'node:fs'
import QRCode from 'qrcode'

/** Writes `frames` frames (640×480, 4:2:0) showing `text` as a QR code in the middle on white. */
export function writeQrVideo(file: string, text: string, frames = 10): void {
  const width = 640
  const height = 480
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  const scale = Math.floor(Math.min(width, height) / (size + 8))
  const left = Math.floor((width - size * scale) / 2)
  const top = Math.floor((height - size * scale) / 2)
  const luma = Buffer.alloc(width * height, 235) // white
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!qr.modules.get(y, x)) continue
      for (let dy = 0; dy < scale; dy++)
        luma.fill(16, (top + y * scale + dy) * width + left + x * scale, (top + y * scale + dy) * width + left + (x + 1) * scale)
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128) // no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]))
}
