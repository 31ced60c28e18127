// The one form pipeline (decision 030) through real route actions on a fresh PGlite database: a refusal answers its
// own status with its message next to its field, on a public form and a staff one; a post that succeeds redirects
// with a flash notice (never in the URL) that the next page shows once; and the page cache neither serves nor keeps
// a page for a request carrying the notice.
import http from 'node:http'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskMobile } from '~/utils/phone'
import { pageCache } from '../../server/page-cache'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { sentCode, wrongCode } from '../helpers/phone-codes'
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

describe('the public pages that had a pipeline of their own (now handleForm)', () => {
  /** A public post as the page makes it: the honeypot's inputs, when the page renders them. */
  const publicPost = async (route: string, url: string, body: Record<string, string>, params: Record<string, string> = {}) => {
    const { publicFormProtection } = await import('~/utils/form-security.server')
    const protection = await publicFormProtection(new Request('http://kepu.test/'))
    const honeypot = Object.fromEntries([
      [protection.honeypotInputs.nameFieldName, ''],
      [protection.honeypotInputs.validFromFieldName!, protection.honeypotInputs.encryptedValidFrom],
    ])
    const { action } = (await import(route)) as { action: RouteFunction }
    return post(action, url, params, { ...honeypot, ...body }, protection.headers?.['Set-Cookie']?.split(';')[0] ?? '')
  }

  it('sign-in refused: 401, the message above the form, the number kept and the password never echoed', async () => {
    const response = await publicPost('~/routes/_passport+/account.login', 'http://kepu.test/account/login', {
      phone: '13700001111',
      password: 'not the password',
    })
    expect(response.status).toBe(401)
    const reply = await response.json()
    expect(reply.result.error['']).toEqual([expect.stringContaining('手机号或密码不正确')])
    expect(reply.result.initialValue.phone).toBe('13700001111')
    expect(reply.result.initialValue).not.toHaveProperty('password')
    expect(JSON.stringify(reply)).not.toContain('not the password')
  })

  it('an SMS code asked for keeps the page: the message and when to ask again, in the form that asked', async () => {
    const reset = await publicPost('~/routes/_passport+/account.forgot-password', 'http://kepu.test/account/forgot-password', {
      intent: 'send-code',
      phone: '13700002222',
      password: 'typed before asking',
    })
    expect(reset.status).toBe(200)
    const resetReply = await reset.json()
    expect(resetReply.message).toMatch(/^验证码已发送至 137\*{4}2222，可在 \d\d:\d\d:\d\d 后重新发送$/)
    expect(new Date(resetReply.until).getTime()).toBeGreaterThan(Date.now())
    expect(JSON.stringify(resetReply)).not.toContain('typed before asking')

    // 找回我的报名: two forms on one page; the reply names the one that posted.
    const find = '~/routes/_registration+/r.find'
    const phone = world.registration.phone
    const sent = await publicPost(find, 'http://kepu.test/r/find', { intent: 'send-code', phone })
    expect(sent.status).toBe(200)
    expect(await sent.json()).toMatchObject({ form: 'find-by-sms', message: expect.stringContaining(maskMobile(phone)) })
    const notFound = await publicPost(find, 'http://kepu.test/r/find', { intent: 'find-by-code', phone, code: 'ZZZZ2222' })
    expect(notFound.status).toBe(404)
    const notFoundReply = await notFound.json()
    expect(notFoundReply.form).toBe('find-by-code')
    expect(notFoundReply.result.initialValue.code).toBe('ZZZZ2222')
    // A wrong SMS code: next to its field, no list.
    const code = await sentCode(db.prisma, phone)
    const wrong = await publicPost(find, 'http://kepu.test/r/find', { intent: 'find-by-sms', phone, smsCode: wrongCode(code) })
    expect(wrong.status).toBeGreaterThanOrEqual(400)
    const wrongReply = await wrong.json()
    expect(wrongReply.result.error.smsCode).toHaveLength(1)
    expect(wrongReply.data).toBeNull()
    // The right one: the list of private links is the reply's data, never cached, never sent on as a referrer.
    const found = await publicPost(find, 'http://kepu.test/r/find', { intent: 'find-by-sms', phone, smsCode: code })
    expect(found.status).toBe(200)
    expect(found.headers.get('Cache-Control')).toBe('private, no-store')
    expect(found.headers.get('Referrer-Policy')).toBe('no-referrer')
    const foundReply = await found.json()
    expect(foundReply.form).toBe('find-by-sms')
    expect(foundReply.data.found).toEqual([expect.objectContaining({ link: expect.stringMatching(/\/r\/[A-Za-z0-9_-]+$/) })])
  })

  it('a post without the honeypot the page renders is refused with 403, and a stale page’s action with 400', async () => {
    const { action } = (await import('~/routes/_registration+/r.find')) as { action: RouteFunction }
    const bare = await post(action, 'http://kepu.test/r/find', {}, { intent: 'send-code', phone: '13700004444' }, '')
    expect(bare.status).toBe(403)
    const stale = await publicPost('~/routes/_passport+/account.signup', 'http://kepu.test/account/signup', { intent: 'no-such' })
    expect(stale.status).toBe(400)
    expect((await stale.json()).error).toBeTruthy()
  })
})

describe('a signed-in resident’s pages (now handleForm): success is a notice after a redirect, never a URL', () => {
  it('the lecturer’s page keeps a refused profile as typed, and a saved one says so on the page it goes back to', async () => {
    const { startResidentSession } = await import('~/models/passport/account.server')
    const { LECTURER_AUDIENCES, LECTURER_TOPICS } = await import('~/models/lecturers/schema')
    const resident = await db.prisma.resident.create({ data: { phone: '13700005555', passwordHash: 'x', passportCode: 'P13700005555' } })
    await db.prisma.lecturer.create({
      data: {
        districtId: world.sj.id,
        name: '李讲师',
        organisation: '松江天文台',
        title: '',
        topics: [LECTURER_TOPICS[0]],
        audiences: [LECTURER_AUDIENCES[0]],
        travelsTo: [],
        monthlyCapacity: 2,
        bio: '天文科普讲师，十年讲座经验。',
        residentId: resident.id,
      },
    })
    const cookie = (await startResidentSession(new Request('http://kepu.test/account/login'), resident.id)).split(';')[0]
    const { action } = (await import('~/routes/_lecturers+/lecturer._index')) as { action: RouteFunction }
    const profile = {
      intent: 'profile',
      name: '李',
      organisation: '松江天文台',
      topics: LECTURER_TOPICS[0],
      audiences: LECTURER_AUDIENCES[0],
      monthlyCapacity: '3',
      bio: '天文科普讲师，十年讲座经验。',
    }
    const refused = await post(action, 'http://kepu.test/lecturer', {}, profile, cookie)
    expect(refused.status).toBe(400)
    const reply = await refused.json()
    expect(reply.form).toBe('profile')
    expect(reply.result.error.name).toHaveLength(1)
    expect(reply.result.initialValue.monthlyCapacity).toBe('3')
    const saved = await post(action, 'http://kepu.test/lecturer', {}, { ...profile, name: '李明远' }, cookie)
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe('/lecturer')
    expect(saved.headers.get('Set-Cookie')).toMatch(/^kepu_toast=/)
    expect(await db.prisma.lecturer.findUniqueOrThrow({ where: { residentId: resident.id } })).toMatchObject({
      name: '李明远',
      monthlyCapacity: 3,
    })

    // Deleting the account: a wrong word is refused beside it; the right one ends the session and says so on the
    // home page, by a notice and not by ?deleted=1.
    const account = ((await import('~/routes/_passport+/account._index')) as { action: RouteFunction }).action
    const wrongWord = await post(account, 'http://kepu.test/account', {}, { intent: 'delete', confirm: 'no' }, cookie)
    expect(wrongWord.status).toBe(400)
    expect((await wrongWord.json()).error).toContain('注销')
    const deleted = await post(account, 'http://kepu.test/account', {}, { intent: 'delete', confirm: '注销' }, cookie)
    expect(deleted.status).toBe(302)
    expect(deleted.headers.get('Location')).toBe('/')
    expect(deleted.headers.get('Set-Cookie')).toMatch(/kepu_toast=/)
    expect(await db.prisma.resident.findUnique({ where: { id: resident.id } })).toBeNull()
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

describe('the honeypot’s time field (signed with node:crypto, issue 31)', () => {
  const check = async (fields: Record<string, string>) => {
    const { checkPublicForm } = await import('~/utils/form-security.server')
    const form = new FormData()
    for (const [name, value] of Object.entries(fields)) form.set(name, value)
    return checkPublicForm(new Request('http://kepu.test/r/find', { method: 'POST' }), form, { honeypot: true })
  }
  const served = async () => {
    const { publicFormProtection } = await import('~/utils/form-security.server')
    const { honeypotInputs } = await publicFormProtection(new Request('http://kepu.test/'))
    return { name: honeypotInputs.nameFieldName, from: honeypotInputs.validFromFieldName!, value: honeypotInputs.encryptedValidFrom }
  }

  it('passes the field a page served, and refuses one forged, tampered, from the future or garbage (never a 500)', async () => {
    const { name, from, value } = await served()
    expect(value).toMatch(/^\d+\.[\w-]{43}$/)
    expect(await check({ [name]: '', [from]: value })).toBeNull()
    expect(await check({ [name]: 'a bot filled this', [from]: value })).toMatch(/内容异常/)
    const [time, signature] = value.split('.')
    const future = String(Date.now() + 3_600_000)
    for (const forged of [
      `${future}.${signature}`,
      `${Number(time) - 1}.${signature}`,
      `${time}.${signature.slice(1)}x`,
      `${time}.`,
      `.${signature}`,
      'x.y',
      'U2FsdGVkX1+garbage==',
      '',
    ]) {
      expect(await check({ [name]: '', [from]: forged }), forged).not.toBeNull()
    }
  })

  it('still reads the crypto-js field of a page served before the change', async () => {
    const { Honeypot } = await import('remix-utils/honeypot/server')
    const { cookieSecret } = await import('~/utils/infra/secrets.server')
    const old = new Honeypot({ encryptionSeed: await cookieSecret(), nameFieldName: 'website_url', validFromFieldName: 'from__confirm' })
    const props = await old.getInputProps()
    expect(props.encryptedValidFrom).not.toContain('.')
    expect(await check({ website_url: '', from__confirm: props.encryptedValidFrom })).toBeNull()
  })
})
