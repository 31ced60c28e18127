// The upload step of the form pipeline (decision 038) through real route actions and `handleForm` itself, on a fresh
// PGlite database and a store in a folder of this file's own: a refused file answers 4xx with its message next to its
// field (in the reader's language), the other fields kept, and nothing is stored; the guard answers before the body
// is read; a post without the staff token is thrown out; a file's name never decides where or as what it is kept.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'

let db: TestDatabase
let world: StaffWorld
let folder: string
let lecturerId: string
let csrf: { token: string; cookie: string }
const sessions: Record<string, string> = {}

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>

beforeAll(async () => {
  db = await useTestDatabaseForApp('pglite')
  world = await createStaffWorld(db.prisma)
  folder = await mkdtemp(path.join(tmpdir(), 'kepu-upload-pipeline-'))
  const { localStore, useFileStore } = await import('~/utils/infra/storage/index.server')
  useFileStore(localStore(folder))
  const { startSession } = await import('~/utils/auth.server')
  const { adminCsrf } = await import('~/utils/form-security.server')
  const issued = await adminCsrf(new Request('http://kepu.test/admin'))
  csrf = { token: issued.csrfToken, cookie: issued.headers!['Set-Cookie'].split(';')[0] }
  for (const [name, user] of Object.entries(world.users))
    sessions[name] = (await startSession(new Request('http://kepu.test/admin/login'), user.id)).split(';')[0]
  const lecturer = await db.prisma.lecturer.create({
    data: {
      districtId: world.sj.id,
      name: '李讲师',
      organisation: '松江天文台',
      title: '',
      topics: ['ai'],
      audiences: ['adults'],
      monthlyCapacity: 2,
      bio: '天文科普讲师，十年讲座经验。',
    },
  })
  lecturerId = lecturer.id
})

afterAll(async () => {
  const { useFileStore } = await import('~/utils/infra/storage/index.server')
  useFileStore(undefined)
  await db?.drop()
  if (folder) await rm(folder, { recursive: true, force: true })
})

/** Every file under the store's folder (temporary parts too). */
async function storedFiles(): Promise<string[]> {
  return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name)
}

beforeEach(async () => {
  await rm(folder, { recursive: true, force: true })
  await mkdir(folder)
  await db.prisma.lecturer.update({ where: { id: lecturerId }, data: { photoFileId: null } })
  await db.prisma.storedFile.deleteMany({})
})

const jpeg = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .toBuffer()
const svgWithScript = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
)
/** The start of a Windows program (MZ header, PE signature), the rest zeros. */
const windowsProgram = () => {
  const bytes = Buffer.alloc(4096)
  bytes.write('MZ', 0, 'latin1')
  bytes.writeUInt32LE(0x80, 0x3c)
  bytes.write('PE\0\0', 0x80, 'latin1')
  return bytes
}
const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')

type Part = { name: string; value: string } | { name: string; file: Buffer; filename: string; type?: string }

function multipart(url: string, parts: Part[], cookie: string, headers: Record<string, string> = {}): Request {
  const form = new FormData()
  for (const part of parts)
    if ('file' in part)
      form.append(part.name, new File([new Uint8Array(part.file)], part.filename, { type: part.type ?? 'application/octet-stream' }))
    else form.append(part.name, part.value)
  return new Request(url, { method: 'POST', headers: { Cookie: cookie, ...headers }, body: form })
}

async function call(action: RouteFunction, request: Request, params: Record<string, string> = {}): Promise<Response> {
  return (await action({ request, params, context: {} }).catch((thrown: unknown) => thrown)) as Response
}

const photoAction = async () => (await import('~/routes/admin+/lecturers+/$lecturerId_.photo')).action as RouteFunction
const photoUrl = () => `http://kepu.test/admin/lecturers/${lecturerId}/photo`
const staffPhotoPost = async (file: Buffer, filename: string, who = 'districtAdmin', withToken = true) =>
  call(
    await photoAction(),
    multipart(
      photoUrl(),
      [...(withToken ? [{ name: 'csrf', value: csrf.token }] : []), { name: 'photo', file, filename, type: 'image/jpeg' }],
      `${csrf.cookie}; ${sessions[who]}`,
    ),
    { lecturerId },
  )

describe('a refused file: its message next to its field, 4xx, nothing stored', () => {
  it('an oversize file is refused while it streams: 413, the field’s message, no file and no row', async () => {
    const { IMAGE_MAX_BYTES } = await import('~/utils/infra/storage/limits')
    const big = Buffer.alloc(IMAGE_MAX_BYTES + 1)
    big.set([0xff, 0xd8, 0xff, 0xe0]) // starts like a JPEG
    const response = await staffPhotoPost(big, 'big.jpg')
    expect(response.status).toBe(413)
    const reply = await response.json()
    expect(reply.result.error.photo).toEqual(['文件太大：最大 10 MB。请换一个较小的文件。'])
    expect(await storedFiles()).toEqual([])
    expect(await db.prisma.storedFile.count()).toBe(0)
  })

  it('an SVG with script named .jpg is not a photo: 400 next to the field, nothing stored', async () => {
    const response = await staffPhotoPost(svgWithScript, 'photo.jpg')
    expect(response.status).toBe(400)
    const reply = await response.json()
    expect(reply.result.error.photo).toEqual([expect.stringContaining('这不是照片')])
    expect(await storedFiles()).toEqual([])
    expect(await db.prisma.storedFile.count()).toBe(0)
  })

  it('a resident reading English gets the refusal in English, next to the field', async () => {
    const { startResidentSession } = await import('~/models/passport/account.server')
    const { publicFormProtection } = await import('~/utils/form-security.server')
    const { languageCookieHeader } = await import('~/utils/i18n.server')
    const english = (await languageCookieHeader('en')).split(';')[0]
    const resident = await db.prisma.resident.create({ data: { phone: '13700006666', passwordHash: 'x', passportCode: 'P13700006666' } })
    await db.prisma.lecturer.update({ where: { id: lecturerId }, data: { residentId: resident.id } })
    const session = (await startResidentSession(new Request('http://kepu.test/account/login'), resident.id)).split(';')[0]
    const protection = await publicFormProtection(new Request('http://kepu.test/lecturer/photo'))
    const tokenCookie = protection.headers?.['Set-Cookie']?.split(';')[0] ?? ''
    const { action } = (await import('~/routes/_lecturers+/lecturer.photo')) as { action: RouteFunction }
    const response = await call(
      action,
      multipart(
        'http://kepu.test/lecturer/photo',
        [
          { name: 'csrf', value: protection.csrfToken },
          { name: 'photo', file: svgWithScript, filename: 'me.png', type: 'image/png' },
        ],
        `${tokenCookie}; ${session}; ${english}`,
      ),
    )
    expect(response.status).toBe(400)
    const reply = await response.json()
    expect(reply.result.error.photo).toEqual([expect.stringContaining('This is not a photo')])
    expect(await storedFiles()).toEqual([])
    await db.prisma.lecturer.update({ where: { id: lecturerId }, data: { residentId: null } })
  })
})

describe('the pipeline itself (a form of a PDF and a text field)', () => {
  const submitted: File[] = []
  const action: RouteFunction = async ({ request }) => {
    const { handleForm } = await import('~/utils/form.server')
    const { requireStaff } = await import('~/utils/auth.server')
    const { uploadField } = await import('~/utils/upload-field')
    return handleForm(request, {
      schema: (t) => z.object({ title: z.string({ required_error: '请填写标题' }).min(2), report: uploadField(t) }),
      access: { staff: requireStaff },
      files: { report: { kinds: ['pdf'], maxBytes: 64 * 1024 } },
      async submit({ report }, { done }) {
        submitted.push(report)
        return done('已收到。')
      },
    })
  }
  const post = (parts: Part[]) => call(action, multipart('http://kepu.test/admin/reports', parts, `${csrf.cookie}; ${sessions.staff}`))

  it('an .exe renamed .pdf is refused next to its field; the other fields kept as typed; submit never called', async () => {
    const response = await post([
      { name: 'csrf', value: csrf.token },
      { name: 'title', value: '作品说明' },
      { name: 'report', file: windowsProgram(), filename: 'report.pdf', type: 'application/pdf' },
    ])
    expect(response.status).toBe(400)
    const reply = await response.json()
    expect(reply.result.error.report).toEqual([expect.stringContaining('这不是 PDF 文件')])
    expect(reply.result.initialValue.title).toBe('作品说明')
    expect(submitted).toEqual([])
  })

  it('a path-trick name is only a label: submit gets the last part, cleaned, with the extension of what the bytes are', async () => {
    for (const filename of ['../../../etc/passwd.pdf', '..\\..\\windows\\evil.exe', '.htaccess', 'a\u0000b.pdf']) {
      const response = await post([
        { name: 'csrf', value: csrf.token },
        { name: 'title', value: '作品说明' },
        { name: 'report', file: pdf, filename },
      ])
      expect(response.status).toBe(302)
    }
    expect(submitted.map((file) => [file.name, file.type])).toEqual([
      ['passwd.pdf', 'application/pdf'],
      ['evil.pdf', 'application/pdf'],
      ['file.pdf', 'application/pdf'],
      ['ab.pdf', 'application/pdf'],
    ])
  })

  it('a file part for a field the form does not name is dropped unread', async () => {
    submitted.length = 0
    const response = await post([
      { name: 'csrf', value: csrf.token },
      { name: 'title', value: '作品说明' },
      { name: 'report', file: pdf, filename: 'a.pdf' },
      { name: 'extra', file: windowsProgram(), filename: 'x.exe' },
    ])
    expect(response.status).toBe(302)
    expect(submitted).toHaveLength(1)
  })
})

describe('who may post a file', () => {
  it('a post without the staff token: 403, nothing stored', async () => {
    const response = await staffPhotoPost(await jpeg(), 'me.jpg', 'districtAdmin', false)
    expect(response.status).toBe(403)
    expect(await storedFiles()).toEqual([])
    expect(await db.prisma.storedFile.count()).toBe(0)
  })

  it('a staff member outside the lecturer’s district: 404 before a byte of the body is read', async () => {
    const photo = await jpeg()
    let pulled = 0
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++
          controller.enqueue(new Uint8Array(photo))
          controller.close()
        },
      },
      { highWaterMark: 0 },
    )
    const request = new Request(photoUrl(), {
      method: 'POST',
      headers: { Cookie: `${csrf.cookie}; ${sessions.otherDistrictAdmin}`, 'Content-Type': 'multipart/form-data; boundary=x' },
      body,
      duplex: 'half',
    } as RequestInit)
    const response = await call(await photoAction(), request, { lecturerId })
    expect(response.status).toBe(404)
    expect(pulled).toBe(0)
    expect(await storedFiles()).toEqual([])
  })

  it('the same photo from the lecturer’s district staff is stored under a key of ours, whatever its name', async () => {
    const response = await staffPhotoPost(await jpeg(), '../../../../tmp/x.jpg')
    expect(response.status).toBe(302)
    const stored = await db.prisma.storedFile.findFirstOrThrow({ where: { purpose: 'lecturer-photo' } })
    expect(stored.key).toMatch(/^lecturer-photo\/\d{4}-\d{2}\/[0-9a-f-]{36}\.jpg$/)
    expect(await storedFiles()).toEqual([path.basename(stored.key)])
  })
})
