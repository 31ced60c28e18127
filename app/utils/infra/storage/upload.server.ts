// What an upload must be before anything is stored (decision 034). The type is read from the bytes (file-type),
// never from the name or the type the browser declared: a PDF renamed .jpg is a PDF, and an SVG (text that may
// carry script) is not an image here. Images are decoded and encoded again by sharp: the stored file is one sharp
// wrote, resized to IMAGE_MAX_EDGE, turned upright by its EXIF orientation, and without any metadata (GPS position,
// camera, owner). The pixel count is checked from the header before decoding, and sharp's limitInputPixels holds it
// again while decoding, so a small file that decodes to gigabytes is refused. Any refusal happens before `put`.
import { randomUUID } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import sharp, { type Metadata, type OutputInfo } from 'sharp'
import { Refusal, localized } from '~/utils/refusal'
import { DOCUMENT_MAX_BYTES, IMAGE_MAX_BYTES, IMAGE_MAX_EDGE, IMAGE_MAX_PIXELS } from './limits'
import type { FileStore } from './store.server'

export type StoredUpload = { key: string; contentType: string; byteSize: number; width?: number; height?: number }

export type ImageOptions = {
  /** The first part of the key, naming the feature: `lecturer-photo`, `competition-entry`. */
  purpose: string
  /** The form field a refusal is shown next to. */
  field: string
  maxBytes?: number
  maxPixels?: number
  maxEdge?: number
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/avif']
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024)

function newKey(purpose: string, ext: string, now = new Date()): string {
  if (!/^[a-z0-9-]+$/.test(purpose)) throw new Error(`purpose must be lowercase words: ${purpose}`)
  return `${purpose}/${now.toISOString().slice(0, 7)}/${randomUUID()}.${ext}`
}

/** Bytes of an upload: a File from a form, or bytes already read. */
export async function uploadBytes(file: File | Uint8Array): Promise<Uint8Array> {
  return file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer())
}

/**
 * Checks an image and stores the re-encoded copy. Refusals (`Refusal` with `field`, status 400 or 413) carry the
 * `upload.*` catalogue keys, so public and staff pages show them in the reader's language.
 */
export async function storeImage(store: FileStore, file: File | Uint8Array, options: ImageOptions): Promise<StoredUpload> {
  const { field, maxBytes = IMAGE_MAX_BYTES, maxPixels = IMAGE_MAX_PIXELS, maxEdge = IMAGE_MAX_EDGE } = options
  const size = file instanceof Uint8Array ? file.length : file.size
  if (size === 0) throw new Refusal(localized('upload.empty'), field, 400, 'upload-empty')
  if (size > maxBytes) throw new Refusal(localized('upload.tooLarge', { mb: megabytes(maxBytes) }), field, 413, 'upload-too-large')
  const bytes = await uploadBytes(file)
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !IMAGE_TYPES.includes(type.mime)) throw new Refusal(localized('upload.notImage'), field, 400, 'upload-not-image')
  let header: Metadata
  try {
    header = await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch {
    throw new Refusal(localized('upload.unreadable'), field, 400, 'upload-unreadable')
  }
  const pixels = (header.width ?? 0) * (header.pageHeight ?? header.height ?? 0)
  if (!header.width || !header.height || pixels > maxPixels)
    throw new Refusal(
      localized('upload.tooManyPixels', { megapixels: Math.round(maxPixels / 1_000_000) }),
      field,
      400,
      'upload-too-many-pixels',
    )
  const opaque = !header.hasAlpha
  let output: { data: Buffer; info: OutputInfo }
  try {
    // First frame only (an animated GIF becomes a still); rotate() applies the EXIF orientation before it is dropped.
    const pipeline = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', animated: false })
      .rotate()
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
    output = await (opaque ? pipeline.jpeg({ quality: 82, mozjpeg: true }) : pipeline.png({ compressionLevel: 9 })).toBuffer({
      resolveWithObject: true,
    })
  } catch (error) {
    const tooBig = /pixel limit/i.test(String((error as Error).message))
    throw tooBig
      ? new Refusal(
          localized('upload.tooManyPixels', { megapixels: Math.round(maxPixels / 1_000_000) }),
          field,
          400,
          'upload-too-many-pixels',
        )
      : new Refusal(localized('upload.unreadable'), field, 400, 'upload-unreadable')
  }
  const ext = opaque ? 'jpg' : 'png'
  const contentType = opaque ? 'image/jpeg' : 'image/png'
  const key = newKey(options.purpose, ext)
  const data = new Uint8Array(output.data)
  await store.put(key, data, contentType)
  return { key, contentType, byteSize: data.length, width: output.info.width, height: output.info.height }
}

/** Checks a PDF by its content and stores it as it came (for features that keep documents). */
export async function storeDocument(
  store: FileStore,
  file: File | Uint8Array,
  options: { purpose: string; field: string; maxBytes?: number },
): Promise<StoredUpload> {
  const { field, maxBytes = DOCUMENT_MAX_BYTES } = options
  const size = file instanceof Uint8Array ? file.length : file.size
  if (size === 0) throw new Refusal(localized('upload.empty'), field, 400, 'upload-empty')
  if (size > maxBytes) throw new Refusal(localized('upload.tooLarge', { mb: megabytes(maxBytes) }), field, 413, 'upload-too-large')
  const bytes = await uploadBytes(file)
  const type = await fileTypeFromBuffer(bytes)
  if (type?.mime !== 'application/pdf') throw new Refusal(localized('upload.notDocument'), field, 400, 'upload-not-document')
  const key = newKey(options.purpose, 'pdf')
  await store.put(key, bytes, type.mime)
  return { key, contentType: type.mime, byteSize: bytes.length }
}

/**
 * Checks a file by its content against `types` (content type → extension) and stores it as it came: a document or a
 * video, which is never re-encoded here (a PDF is not an image; a video is served as a download only).
 */
export async function storeFile(
  store: FileStore,
  file: File | Uint8Array,
  options: { purpose: string; field: string; maxBytes: number; types: Record<string, string> },
): Promise<StoredUpload> {
  const { field, maxBytes } = options
  const size = file instanceof Uint8Array ? file.length : file.size
  if (size === 0) throw new Refusal(localized('upload.empty'), field, 400, 'upload-empty')
  if (size > maxBytes) throw new Refusal(localized('upload.tooLargeFile', { mb: megabytes(maxBytes) }), field, 413, 'upload-too-large')
  const bytes = await uploadBytes(file)
  const type = await fileTypeFromBuffer(bytes)
  const ext = type ? options.types[type.mime] : undefined
  if (!type || !ext) throw new Refusal(localized('upload.wrongKind.image_pdf_video'), field, 400, 'upload-wrong-kind')
  const key = newKey(options.purpose, ext)
  await store.put(key, bytes, type.mime)
  return { key, contentType: type.mime, byteSize: bytes.length }
}
