// The storage module (decision 034) on both back ends: a local folder and a fake S3 (s3rver) reached through
// @aws-sdk/client-s3 as Aliyun OSS, Tencent COS or MinIO would be. Every refused upload leaves nothing stored;
// a stored photo has no metadata left.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tFor } from '~/utils/i18n'
import { fileResponse, localStore, s3Store, storeDocument, storeImage, type FileStore } from '~/utils/infra/storage/index.server'
import { uploadLimitFor } from '~/utils/infra/storage/limits'
import { Refusal } from '~/utils/refusal'
import type { AddressInfo } from 'node:net'

// ---- what people upload -------------------------------------------------------------------------------------------
const renamedPdf = () =>
  new File([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')], 'photo.jpg', {
    type: 'image/jpeg',
  })
const svgWithScript = () =>
  new File(
    [Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')],
    'photo.png',
    { type: 'image/png' },
  )
const fiftyMegabytes = () => {
  const bytes = new Uint8Array(50 * 1024 * 1024)
  bytes.set([0xff, 0xd8, 0xff, 0xe0]) // starts like a JPEG
  return new File([bytes], 'big.jpg', { type: 'image/jpeg' })
}

function crc32(bytes: Buffer): number {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
/** A real, valid 20,000 x 20,000 PNG (1-bit grey, all black): about 60 KB on disk, 400 megapixels decoded. */
function pngBomb(): File {
  const side = 20_000
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header.set([1, 0, 0, 0, 0], 8) // bit depth 1, greyscale, deflate, no filter, no interlace
  const row = side / 8 + 1
  const pixels = deflateSync(Buffer.alloc(row * side), { level: 9 })
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ])
  return new File([png], 'bomb.png', { type: 'image/png' })
}
/** A 4000 x 3000 phone photo with its GPS position in EXIF. */
async function photoWithGps(): Promise<File> {
  const bytes = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .toBuffer()
  return new File([new Uint8Array(bytes)], 'IMG_0001.jpg', { type: 'image/jpeg' })
}

async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(Refusal)
  return error as Refusal
}

// ---- the same rules on each back end ------------------------------------------------------------------------------
type Backend = { name: string; store: () => FileStore; stored: () => Promise<string[]> }

function storageRules(backend: Backend) {
  describe(`${backend.name}`, () => {
    const options = { purpose: 'lecturer-photo', field: 'photo' }

    it('refuses a renamed PDF, an SVG with script, a 50 MB file and a 20,000 x 20,000 PNG, storing nothing', async () => {
      const store = backend.store()
      const before = await backend.stored()
      const pdf = await refusalOf(storeImage(store, renamedPdf(), options))
      expect([pdf.code, pdf.field, pdf.status]).toEqual(['upload-not-image', 'photo', 400])
      expect(pdf.message).toContain('这不是照片')
      expect(pdf.translate(tFor('en'))).toContain('This is not a photo')
      expect((await refusalOf(storeImage(store, svgWithScript(), options))).code).toBe('upload-not-image')
      const big = await refusalOf(storeImage(store, fiftyMegabytes(), options))
      expect([big.code, big.status]).toEqual(['upload-too-large', 413])
      expect(big.translate(tFor('en'))).toContain('at most 10 MB')
      const bomb = await refusalOf(storeImage(store, pngBomb(), options))
      expect(bomb.code).toBe('upload-too-many-pixels')
      expect(bomb.message).toContain('50 百万像素')
      expect((await refusalOf(storeImage(store, new File([], 'empty.jpg'), options))).code).toBe('upload-empty')
      expect((await refusalOf(storeDocument(store, svgWithScript(), { purpose: 'resource', field: 'file' }))).code).toBe(
        'upload-not-document',
      )
      expect(await backend.stored()).toEqual(before)
    })

    it('stores a photo resized and without its EXIF (no GPS position, no camera), readable and deletable', async () => {
      const store = backend.store()
      const photo = await photoWithGps()
      const input = await sharp(new Uint8Array(await photo.arrayBuffer())).metadata()
      const exif = Buffer.from(input.exif!)
      expect(exif.includes(Buffer.from('PhoneMaker'))).toBe(true)
      // The GPS block's pointer (tag 0x8825), in either byte order.
      expect(exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))).toBe(true)
      const saved = await storeImage(store, photo, options)
      expect(saved).toMatchObject({ contentType: 'image/jpeg', width: 1600, height: 1200 })
      expect(saved.key).toMatch(/^lecturer-photo\/\d{4}-\d{2}\/[0-9a-f-]{36}\.jpg$/)
      expect(await backend.stored()).toContain(saved.key)
      const back = await store.get(saved.key)
      expect(back?.contentType).toBe('image/jpeg')
      const output = await sharp(back!.bytes).metadata()
      expect(output.exif).toBeUndefined()
      expect(output.xmp).toBeUndefined()
      expect(output.iptc).toBeUndefined()
      expect(Buffer.from(back!.bytes).includes(Buffer.from('PhoneMaker'))).toBe(false)
      const answer = await fileResponse(saved.key, 'private', store)
      expect(answer?.headers.get('Cache-Control')).toBe('private, no-store')
      expect(answer?.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(new Uint8Array(await answer!.arrayBuffer())).toEqual(back!.bytes)
      await store.delete(saved.key)
      expect(await store.get(saved.key)).toBeNull()
      expect(await fileResponse(saved.key, 'public', store)).toBeNull()
    })

    it('keeps transparency (PNG) and stores a real PDF as it came', async () => {
      const store = backend.store()
      const logo = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
        .png()
        .toBuffer()
      const saved = await storeImage(store, new Uint8Array(logo), options)
      expect(saved).toMatchObject({ contentType: 'image/png', width: 300, height: 200 })
      const pdf = renamedPdf()
      const document = await storeDocument(store, pdf, { purpose: 'resource', field: 'file' })
      expect(document.key).toMatch(/\.pdf$/)
      expect((await store.get(document.key))?.bytes).toEqual(new Uint8Array(await pdf.arrayBuffer()))
    })

    it('refuses a key made to leave the store', async () => {
      const store = backend.store()
      await expect(store.get('../../etc/passwd')).rejects.toThrow(/Not a storage key/)
      await expect(store.put('a/../../b.jpg', new Uint8Array(1), 'image/jpeg')).rejects.toThrow(/Not a storage key/)
    })
  })
}

let folder: string
let s3: S3rver
let s3Endpoint: string
const bucket = 'kepu-files'

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'kepu-storage-'))
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(folder, 's3'),
    configureBuckets: [{ name: bucket, configs: [] }],
  })
  const address = (await s3.run()) as AddressInfo
  s3Endpoint = `http://127.0.0.1:${address.port}`
})

afterAll(async () => {
  await s3?.close()
  await rm(folder, { recursive: true, force: true })
})

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

const s3Config = () => ({
  endpoint: s3Endpoint,
  region: 'us-east-1',
  bucket,
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  forcePathStyle: true,
})

storageRules({
  name: 'local folder',
  store: () => localStore(path.join(folder, 'local')),
  stored: () => filesUnder(path.join(folder, 'local')),
})
storageRules({
  name: 'S3 (s3rver)',
  store: () => s3Store(s3Config()),
  stored: async () => {
    const client = new S3Client({ ...s3Config(), credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }))
    return (listed.Contents ?? []).map((object) => object.Key!).sort()
  },
})

describe('upload body limits', () => {
  it('gives the photo forms room for one image and everything else nothing extra', () => {
    expect(uploadLimitFor('/lecturer/photo')).toBeGreaterThan(10 * 1024 * 1024)
    expect(uploadLimitFor('/admin/lecturers/abc123/photo')).toBeGreaterThan(10 * 1024 * 1024)
    expect(uploadLimitFor('/admin/lecturers/abc/photo/x')).toBeUndefined()
    expect(uploadLimitFor('/admin/events')).toBeUndefined()
    // A 申报 or a yearly report takes a PDF of 20 MB (decision 036); its list pages and the file route nothing extra.
    expect(uploadLimitFor('/admin/bases/applications/abc123')).toBeGreaterThan(20 * 1024 * 1024)
    expect(uploadLimitFor('/admin/bases/reviews/abc123')).toBeGreaterThan(20 * 1024 * 1024)
    expect(uploadLimitFor('/admin/bases/applications')).toBeUndefined()
    expect(uploadLimitFor('/admin/bases/attachments/abc123')).toBeUndefined()
  })
})
