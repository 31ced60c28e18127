// The one storage module every feature that keeps files uses (decision 034): lecturers' photos now, competition
// entries and the resource library next. `fileStore()` is the configured back end (FILE_STORAGE: local or s3);
// `storeImage`/`storeDocument` check an upload by its content and store it; `fileResponse` answers a file to a
// route that has already decided who may see it. Nothing here knows a feature: the route that serves a file asks
// the feature's model whether the reader may see it.
import { env } from '~/utils/infra/env.server'
import { localStore, s3Store, type FileStore } from './store.server'

export {
  IMAGE_MAX_BYTES,
  IMAGE_MAX_EDGE,
  IMAGE_MAX_PIXELS,
  DOCUMENT_MAX_BYTES,
  ENTRY_DOCUMENT_MAX_BYTES,
  ENTRY_IMAGE_MAX_BYTES,
  ENTRY_VIDEO_MAX_BYTES,
  uploadLimitFor,
} from './limits'
export { isStorageKey, localStore, s3Store, type FileStore, type S3Config, type StoredBytes } from './store.server'
export { storeDocument, storeFile, storeImage, type StoredUpload } from './upload.server'

let configured: FileStore | undefined

/** The store FILE_STORAGE names, made once per process. */
export function fileStore(): FileStore {
  configured ??=
    env.FILE_STORAGE === 's3'
      ? s3Store({
          endpoint: env.S3_ENDPOINT,
          region: env.S3_REGION,
          bucket: env.S3_BUCKET!,
          accessKeyId: env.S3_ACCESS_KEY_ID!,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
          forcePathStyle: env.S3_FORCE_PATH_STYLE,
        })
      : localStore(env.FILE_STORAGE_DIR)
  return configured
}

/** For tests: use this store instead of the configured one. */
export function useFileStore(store: FileStore | undefined): void {
  configured = store
}

/**
 * A stored file as an answer. `visibility` says who may keep a copy: `public` files (a published lecturer's photo)
 * may be cached by browsers for an hour, anything else only by the reader's browser. The answer can never run as a
 * page: its type is the stored one, nosniff, and a CSP sandbox.
 */
export async function fileResponse(
  key: string,
  visibility: 'public' | 'private',
  store = fileStore(),
  /** A file to save rather than open (a document, a video): sent as an attachment under this name. */
  downloadName?: string,
): Promise<Response | null> {
  const file = await store.get(key)
  if (!file) return null
  return new Response(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.bytes.length),
      'Cache-Control': visibility === 'public' ? 'public, max-age=3600' : 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Disposition': downloadName
        ? `attachment; filename="${downloadName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(downloadName)}`
        : 'inline',
    },
  })
}
