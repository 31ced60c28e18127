// Limits of uploaded files (decision 034), shared by the HTTP server's body limit, the upload forms and the storage
// module. A phone photo is 2-6 MB and 12-50 megapixels; a lecturer photo is shown at most 800 px wide.
/** The largest image file accepted (bytes). */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024
/**
 * The most pixels an image may have before it is decoded: a 20,000 x 20,000 PNG is a few hundred KB on disk and
 * 1.6 GB once decoded (a decompression bomb). 50 megapixels takes every phone camera's photo.
 */
export const IMAGE_MAX_PIXELS = 50_000_000
/** Stored images are resized to fit inside this many pixels on their longer side. */
export const IMAGE_MAX_EDGE = 1600
/** The largest document (PDF) accepted, for features that store documents. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

/** A competition entry (decision 038): a PDF (a report, slides), a photo, or a short video. A longer video is given
 *  as a link (a cloud drive), which the entry form offers beside the file. */
export const ENTRY_DOCUMENT_MAX_BYTES = DOCUMENT_MAX_BYTES
export const ENTRY_IMAGE_MAX_BYTES = IMAGE_MAX_BYTES
/** About three minutes of a phone's 720p video; the whole body is held in memory while it is checked. */
export const ENTRY_VIDEO_MAX_BYTES = 60 * 1024 * 1024

/** A 申报 attachment or a yearly report's evidence (decision 036): a PDF up to 20 MB, an image up to 10 MB
 *  (re-encoded without metadata); at most BASE_ATTACHMENTS_MAX files on one application or report. */
export const BASE_ATTACHMENT_MAX_BYTES = DOCUMENT_MAX_BYTES
export const BASE_ATTACHMENT_IMAGE_MAX_BYTES = IMAGE_MAX_BYTES
export const BASE_ATTACHMENTS_MAX = 20

/** What a file field takes, by content: photos, PDF documents, videos (MP4, WebM, MOV), spreadsheets (.xlsx, .csv). */
export type FileKind = 'image' | 'pdf' | 'video' | 'spreadsheet'

/** The name of a set of kinds, for the catalogue's `upload.wrongKind.<name>` ("image", "image_pdf_video"). */
export function kindsName(kinds: readonly FileKind[]): string {
  return [...kinds].sort().join('_')
}

/**
 * The pages that take a file, and the body they may send: the file's limit plus room for the form's text fields.
 * Only these paths, and only for someone signed in, get more than the portal's usual 64 KB (server/request-guards.ts).
 */
export const UPLOAD_ROUTES: { path: RegExp; maxBytes: number }[] = [
  { path: /^\/admin\/lecturers\/[A-Za-z0-9_-]+\/photo$/, maxBytes: IMAGE_MAX_BYTES + 64 * 1024 },
  { path: /^\/lecturer\/photo$/, maxBytes: IMAGE_MAX_BYTES + 64 * 1024 },
  { path: /^\/admin\/online\/[A-Za-z0-9_-]+\/cover$/, maxBytes: IMAGE_MAX_BYTES + 64 * 1024 },
  { path: /^\/competitions\/[A-Za-z0-9_-]+\/teams\/[A-Za-z0-9_-]+$/, maxBytes: ENTRY_VIDEO_MAX_BYTES + 64 * 1024 },
  { path: /^\/admin\/bases\/(applications|reviews)\/[A-Za-z0-9_-]+$/, maxBytes: BASE_ATTACHMENT_MAX_BYTES + 64 * 1024 },
]

export function uploadLimitFor(path: string): number | undefined {
  return UPLOAD_ROUTES.find((route) => route.path.test(path))?.maxBytes
}
