// The upload step of the form pipeline (decisions 030, 038): a multipart body read part by part, each file part held
// to its field's limit while it streams (the bytes past the limit are read and dropped, never kept, so the form's
// other fields and its token still arrive), then each file checked by its content (`file-type`), never by its name
// or the type the browser declared. A file that passes is handed on as a new File named by us (the sent name's last
// part, cleaned, with the extension of what the bytes are) and typed by its content. Nothing here stores anything:
// the model stores a checked file through the storage module, after its own rules said yes.
import { unstable_parseMultipartFormData } from '@remix-run/node'
import { fileTypeFromBuffer } from 'file-type'
import { Refusal, localized, type Localized, type MessageKey } from '~/utils/refusal'
import { kindsName, type FileKind } from './limits'

/** What a form's file field takes: which kinds (by content) and how many bytes at most; `tooLarge`, a message of
 *  the feature's own for a file over the limit (the import's "split it into several files"). */
export type FileRule = { kinds: readonly FileKind[]; maxBytes: number; tooLarge?: string | Localized }

/** The text fields of a multipart form together: a form's text is never more than this. */
export const MAX_TEXT_BYTES = 64 * 1024

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

/** Reads `data` up to `max` bytes; the rest is read and dropped. Null when there was more than `max`. */
async function readAtMost(data: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = []
  let size = 0
  let over = false
  for await (const chunk of data) {
    if (over) continue
    size += chunk.length
    if (size > max) {
      over = true
      chunks.length = 0
      continue
    }
    chunks.push(chunk)
  }
  if (over) return null
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.length
  }
  return bytes
}

/**
 * The form of a post that may carry files. A file part for a field `rules` names is kept up to its limit; a bigger
 * one becomes a refusal for its field (413) and is not kept; file parts for any other name are dropped. An empty
 * file part (no file chosen) is left out, so the schema says the field is missing. Not multipart: the plain form.
 */
export async function readUploadForm(
  request: Request,
  rules: Record<string, FileRule>,
): Promise<{ formData: FormData; refused: Refusal[] }> {
  const type = request.headers.get('Content-Type') ?? ''
  if (!type.startsWith('multipart/form-data')) return { formData: await request.formData(), refused: [] }
  const refused: Refusal[] = []
  let textBytes = 0
  const formData = await unstable_parseMultipartFormData(request, async (part) => {
    const rule = Object.hasOwn(rules, part.name) ? rules[part.name] : undefined
    if (typeof part.filename === 'string') {
      if (!rule) {
        await readAtMost(part.data, 0)
        return undefined
      }
      const bytes = await readAtMost(part.data, rule.maxBytes)
      if (bytes === null) {
        const message = rule.tooLarge ?? localized('upload.tooLargeFile', { mb: megabytes(rule.maxBytes) })
        refused.push(new Refusal(message, part.name, 413, 'upload-too-large'))
        return undefined
      }
      return bytes.length > 0 || part.filename !== '' ? new File([bytes], part.filename) : undefined
    }
    const bytes = await readAtMost(part.data, MAX_TEXT_BYTES - textBytes)
    if (bytes === null) throw new Refusal(localized('upload.formTooLarge'), undefined, 413, 'upload-form-too-large')
    textBytes += bytes.length
    return new TextDecoder().decode(bytes)
  }).catch((error: unknown) => {
    if (error instanceof Refusal) throw error
    // A body that is not multipart after all (no boundary, cut short).
    throw new Refusal(localized('upload.unreadableForm'), undefined, 400, 'upload-form')
  })
  return { formData, refused }
}

const SPREADSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The content types each kind takes, as `file-type` names them, and the extension the checked file gets. */
const KIND_TYPES: Record<FileKind, Record<string, string>> = {
  image: { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'image/heic': 'heic', 'image/avif': 'avif' },
  pdf: { 'application/pdf': 'pdf' },
  video: { 'video/mp4': 'mp4', 'video/webm': 'webm', 'video/quicktime': 'mov' },
  spreadsheet: { [SPREADSHEET]: 'xlsx' },
}

/** Text that may be a CSV: no NUL byte, valid UTF-8 or GB18030 text is left to the reader; markup is not a table. */
function looksLikeCsv(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false
  const start = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart()
  return !start.startsWith('<')
}

/** The last part of a sent name, without control characters, path signs or leading dots, at most 80 characters. */
export function cleanFileName(sent: string, ext: string): string {
  const last = sent.split(/[/\\]/).pop() ?? ''
  const base = last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\.[^.]*$/, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 80)
  return `${base || 'file'}.${ext}`
}

/**
 * A file checked by its content against the kinds its field takes: a new File typed by what the bytes are, or a
 * refusal for the field (an .exe renamed .pdf, an SVG, which is text that can carry script, a zip as a photo).
 */
export async function checkUpload(field: string, file: File, rule: FileRule): Promise<File> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (bytes.length === 0) throw new Refusal(localized('upload.empty'), field, 400, 'upload-empty')
  const found = await fileTypeFromBuffer(bytes)
  for (const kind of rule.kinds) {
    const ext = found ? KIND_TYPES[kind][found.mime] : undefined
    if (ext) return new File([bytes], cleanFileName(file.name, ext), { type: found!.mime })
    if (kind === 'spreadsheet' && !found && looksLikeCsv(bytes))
      return new File([bytes], cleanFileName(file.name, 'csv'), { type: 'text/csv' })
  }
  throw new Refusal(localized(`upload.wrongKind.${kindsName(rule.kinds)}` as MessageKey), field, 400, 'upload-wrong-kind')
}
