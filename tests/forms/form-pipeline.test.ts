// The one form pipeline (decision 030) through real route actions on a fresh PGlite database: a refusal answers its
// own status with its message next to its field, on a public form and a staff one; a post that succeeds redirects
// with a flash notice (never in the URL) that the next page shows once; and the page cache neither serves nor keeps
// a page for a request carrying the notice.
import http from 'node:http'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pageCache } from '../../server/page-cache'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'
import type { AddressInfo } from 'node:net'

let db: TestDatabase
let world: StaffWorld
let staffCookie: string
let csrf: { token: string; cookie: string }

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>

beforeAll(async () => {
  db = await useTestDatabaseForApp('pglite')
  world = await createStaffWorld(db.prisma)
  const { startSession } = await import('~/utils/auth.server')
  const { adminCsrf } = await import('~/utils/form-security.server')
  const issued = await adminCsrf(new Request('http://kepu.test/admin'))
  csrf = { token: issued.csrfToken, cookie: issued.headers!['Set-Cookie'].split(';')[0] }
  staffCookie = (await startSession(new Request('http://kepu.test/admin/login'), world.users.staff.id)).split(';')[0]
})

afterAll(async () => {
  await db?.drop()
})

/** Posts `body` to a route's action as a browser would; a thrown Response is the answer too. */
async function post(action: RouteFunction, url: string, params: Record<string, string>, body: Record<string, string>, cookie: string) {
  const request = new Request(url, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  })
  return (await action({ request, params, context: {} }).catch((thrown: unknown) => thrown)) as Response
}

const eventEditor = async () => (await import('~/routes/admin+/events+/$eventId')).action as RouteFunction
const staffPost = async (body: Record<string, string>) =>
  post(
    await eventEditor(),
    `http://kepu.test/admin/events/${world.event.id}`,
    { eventId: world.event.id },
    { csrf: csrf.token, ...body },
    `${csrf.cookie}; ${staffCookie}`,
  )

describe('a refusal through the pipeline', () => {
  it('staff: the model’s refusal answers 409 with its message next to its field, in the form it belongs to', async () => {
    const response = await staffPost({
      intent: 'update-session',
      sessionId: world.session.id,
      startsAt: '2030-01-05T14:00',
      endsAt: '2030-01-05T16:00',
      capacity: '1',
    })
    expect(response.status).toBe(409)
    const reply = await response.json()
    expect(reply.form).toBe(`session-${world.session.id}`)
    expect(reply.result.error.capacity).toEqual([expect.stringContaining('名额不能少于 2')])
    expect(reply.result.initialValue.capacity).toBe('1') // what was typed stays
    expect(reply.error).toContain('名额不能少于 2')
  })

  it('staff: a form that does not parse answers 400 with the schema’s message next to the field', async () => {
    const response = await staffPost({ intent: 'add-session', startsAt: '2030-01-05T14:00', endsAt: '2030-01-05T13:00', capacity: '5' })
    expect(response.status).toBe(400)
    const reply = await response.json()
    expect(reply.form).toBe('new-session')
    expect(reply.result.error.endsAt).toEqual(['结束时间要晚于开始时间'])
  })

  it('public: the registration rule’s refusal answers 409 with its message next to the phone, in the reader’s language', async () => {
    const { publicFormProtection } = await import('~/utils/form-security.server')
    const { action } = await import('~/routes/_registration+/sessions.$sessionId.register')
    const protection = await publicFormProtection(new Request('http://kepu.test/'))
    const body = {
      csrf: protection.csrfToken,
      ...Object.fromEntries([
        [protection.honeypotInputs.nameFieldName, ''],
        [protection.honeypotInputs.validFromFieldName!, protection.honeypotInputs.encryptedValidFrom],
      ]),
      intent: 'register',
      name: '王小明',
      phone: world.registration.phone, // already registered for this session
      adults: '1',
      children: '0',
      consent: 'on',
    }
    const url = `http://kepu.test/sessions/${world.session.id}/register`
    const cookie = protection.headers?.['Set-Cookie']?.split(';')[0] ?? ''
    const zh = await post(action as RouteFunction, url, { sessionId: world.session.id }, body, cookie)
    expect(zh.status).toBe(409)
    const zhReply = await zh.json()
    expect(zhReply.result.error.phone).toEqual([expect.stringMatching(/已.*报名/)])
    expect(zhReply.result.initialValue.name).toBe('王小明')
    const en = await post(action as RouteFunction, `${url}?lng=en`, { sessionId: world.session.id }, body, cookie)
    expect(en.status).toBe(409)
    expect((await en.json()).result.error.phone).toEqual([expect.stringMatching(/already/i)])
    // A forged (cross-site) post is refused by the public access's one check: tests/units/cross-site.test.ts (decision 032).
  })
})

describe('the notice after a post', () => {
  it('is a flash cookie, not a URL; the next page shows it once and clears it', async () => {
    // A status change the rules refuse stays on the page with the refusal (409), not a notice.
    const refused = await staffPost({ intent: 'unpublish' })
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({ form: 'status', error: expect.stringContaining('不能撤回') })
    expect(refused.headers.get('Set-Cookie')).toBeNull()
    const response = await staffPost({ intent: 'publish' })
    expect(response.status).toBe(302)
    const location = response.headers.get('Location')!
    expect(location).toBe(`/admin/events/${world.event.id}`) // nothing about the notice in the URL
    const setCookie = response.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/^kepu_toast=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(decodeURIComponent(setCookie)).not.toContain('发布') // signed and encoded, not the text in the clear

    const { loader } = await import('~/root')
    const toastCookie = setCookie.split(';')[0]
    const page = (await loader({
      request: new Request(`http://kepu.test${location}`, { headers: { Cookie: toastCookie } }),
      params: {},
      context: {},
    })) as Response
    expect((await page.json()).toast).toEqual({ type: 'success', message: '活动已发布，居民现在可以看到并报名。' })
    // Read once: the page's answer clears the cookie, so the browser sends no notice with the next request.
    const cleared = page.headers.get('Set-Cookie')!
    expect(cleared).toMatch(/^kepu_toast=;/)
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/)
    const next = (await loader({ request: new Request(`http://kepu.test${location}`), params: {}, context: {} })) as Response
    expect((await next.json()).toast).toBeNull()
    expect(next.headers.get('Set-Cookie')).toBeNull()
    // A forged cookie (not signed with the secret) is no notice.
    const forged = (await loader({
      request: new Request('http://kepu.test/', {
        headers: { Cookie: `kepu_toast=${btoa(JSON.stringify({ toast: { type: 'success', message: 'x' } }))}` },
      }),
      params: {},
      context: {},
    })) as Response
    expect((await forged.json()).toast).toBeNull()
  })

  it('is never served from or kept by the page cache', async () => {
    let rendered = 0
    const app = express()
    app.use(pageCache({ seconds: 60, version: async () => '1' }))
    app.get('/', (req, res) => {
      rendered++
      // The root loader's answer when a notice came with the request: shown, and cleared by Set-Cookie.
      if (req.headers.cookie?.includes('kepu_toast=')) res.setHeader('Set-Cookie', 'kepu_toast=; Max-Age=0')
      res.type('html').send(`<p>page ${req.headers.cookie ?? ''}</p>`)
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const port = (server.address() as AddressInfo).port
    const get = (cookie?: string) =>
      new Promise<{ cache: string | undefined; body: string }>((resolve, reject) =>
        http
          .get({ host: '127.0.0.1', port, path: '/', headers: cookie ? { Cookie: cookie } : {} }, (res) => {
            let body = ''
            res.on('data', (chunk) => (body += chunk))
            res.on('end', () => resolve({ cache: res.headers['x-kepu-cache'] as string | undefined, body }))
          })
          .on('error', reject),
      )
    try {
      expect((await get()).cache).toBe('miss') // an anonymous visitor's page is kept
      expect((await get()).cache).toBe('hit')
      // With a notice waiting, the page is rendered for this request (it shows and clears the notice) and not kept.
      for (let i = 0; i < 2; i++) {
        const answer = await get('kepu_lang=zh-CN; kepu_toast=abc')
        expect(answer.cache).toBeUndefined()
        expect(answer.body).toContain('kepu_toast=abc')
      }
      expect(rendered).toBe(3)
      expect((await get()).body).not.toContain('kepu_toast')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
