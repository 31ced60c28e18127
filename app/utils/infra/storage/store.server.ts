// Where uploaded files are kept (decision 034): one small interface with two back ends, chosen by FILE_STORAGE.
// Keys are made by the storage module (`<purpose>/<yyyy-mm>/<uuid>.<ext>`), never from a name someone sent, and
// checked again here so no key can leave the store's folder or bucket prefix.
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'

export type StoredBytes = { bytes: Uint8Array; contentType: string }

export interface FileStore {
  readonly kind: 'local' | 's3'
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>
  /** The file, or null when there is none under that key. */
  get(key: string): Promise<StoredBytes | null>
  /** Removes the file; a key with no file is not an error. */
  delete(key: string): Promise<void>
}

const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*\.[a-z0-9]+$/

export function isStorageKey(key: string): boolean {
  return KEY.test(key) && key.length <= 200
}

function checkedKey(key: string): string {
  if (!isStorageKey(key)) throw new Error(`Not a storage key: ${JSON.stringify(key).slice(0, 80)}`)
  return key
}

export const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
}

const contentTypeOf = (key: string) => CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream'

/** Files in a folder on this machine (default ./data/files): written to a temporary name and renamed, so a reader never sees half a file. */
export function localStore(root: string): FileStore {
  const base = path.resolve(root)
  const fileOf = (key: string) => path.join(base, ...checkedKey(key).split('/'))
  return {
    kind: 'local',
    async put(key, bytes) {
      const file = fileOf(key)
      await mkdir(path.dirname(file), { recursive: true })
      const temporary = `${file}.${randomUUID()}.part`
      try {
        await writeFile(temporary, bytes, { flag: 'wx' })
        await rename(temporary, file)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
    },
    async get(key) {
      try {
        return { bytes: new Uint8Array(await readFile(fileOf(key))), contentType: contentTypeOf(key) }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true })
    },
  }
}

export type S3Config = {
  endpoint?: string
  region: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  forcePathStyle: boolean
}

/** Files in an S3-compatible bucket (Aliyun OSS, Tencent COS, MinIO, AWS). The bucket stays private: the portal serves every file itself. */
export function s3Store(config: S3Config): FileStore {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // OSS and COS refuse the newer default checksum headers on some endpoints; send them only where required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket: config.bucket,
          Key: checkedKey(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
        }),
      )
    },
    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: checkedKey(key) }))
        if (!answer.Body) return null
        return { bytes: await answer.Body.transformToByteArray(), contentType: answer.ContentType ?? contentTypeOf(key) }
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null
        throw error
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: checkedKey(key) }))
    },
  }
}
