// SMS verification codes on PGlite and PostgreSQL (decision 012): stored only as a keyed hash, 10 minutes, 5 tries,
// one send per phone per 60 s and 10 per 24 h with the next allowed time, per-address limits, used up with the
// action they guard, one purpose each; and the flows that need them: registering for an activity marked 需要短信验证,
// signing up, resetting a forgotten password and claiming a past registration.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createSession, nextPhone, person } from '../helpers/fixtures'
import { sentCode, wrongCode } from '../helpers/phone-codes'
import type { TestDatabase, TestDatabaseKind } from '../helpers/db'

const MINUTE = 60_000
const zh = { language: 'zh-CN' as const }

export function phoneCodeRules(kind: TestDatabaseKind) {
  describe(`SMS codes on ${kind}`, () => {
    let db: TestDatabase
    let codes: typeof import('~/models/phone-code.server')
    let booking: typeof import('~/models/registration/registration.server')
    let residents: typeof import('~/models/passport/account.server')
    let passport: typeof import('~/models/passport/passport.server')
    let format: typeof import('~/utils/format')
    // Each test has its own stretch of time, so the 60 s and daily limits of one never touch another.
    let base = Date.parse('2026-11-23T02:00:00Z')
    let t0 = new Date(base)
    const at = (ms: number) => new Date(t0.getTime() + ms)

    beforeAll(async () => {
      db = await useTestDatabaseForApp(kind)
      codes = await import('~/models/phone-code.server')
      booking = await import('~/models/registration/registration.server')
      residents = await import('~/models/passport/account.server')
      passport = await import('~/models/passport/passport.server')
      format = await import('~/utils/format')
    })
    afterAll(async () => {
      await db?.drop()
    })
    beforeEach(async () => {
      base += 3 * 86400_000
      t0 = new Date(base)
      await db.prisma.$executeRawUnsafe('TRUNCATE "RateLimitBucket"')
    })

    const send = (phone: string, purpose: 'REGISTER' | 'SIGN_UP' | 'RESET_PASSWORD' | 'CLAIM', now: Date, address = `a-${phone}`) =>
      codes.sendPhoneCode(phone, purpose, { address, ...zh, now })
    const prove = async (phone: string, purpose: 'REGISTER' | 'SIGN_UP' | 'RESET_PASSWORD' | 'CLAIM', code: string, now: Date) => {
      const checked = await codes.checkPhoneCode(phone, purpose, code, now)
      await db.prisma.$transaction((tx) => codes.verifyPhoneCode(tx, checked, now))
    }

    it('keeps only a keyed hash of the code; the code itself goes out in an outbox SMS about the PhoneCode', async () => {
      const phone = nextPhone()
      const result = await send(phone, 'REGISTER', t0)
      expect(result.nextSendAt).toEqual(at(MINUTE))
      expect(result.nextSendText).toBe(format.formatClock(at(MINUTE), t0, 'zh-CN'))
      const code = await sentCode(db.prisma, phone)
      expect(code).toMatch(/^\d{6}$/)
      const row = await db.prisma.phoneCode.findFirstOrThrow({ where: { phone } })
      expect(row).toMatchObject({ purpose: 'REGISTER', attempts: 0, usedAt: null, expiresAt: at(10 * MINUTE) })
      for (const value of Object.values(row)) expect(String(value)).not.toBe(code)
      // Not a plain digest either (those are reversed by hashing all million codes).
      for (const plain of [code, `${phone}${code}`, `${phone}:REGISTER:${code}`])
        for (const encoding of ['hex', 'base64', 'base64url'] as const)
          expect(row.codeHash).not.toBe(createHash('sha256').update(plain).digest(encoding))
      const message = await db.prisma.message.findFirstOrThrow({ where: { recipient: phone } })
      expect(message).toMatchObject({ channel: 'SMS', template: 'phone.code', subjectType: 'PhoneCode', subjectId: row.id })
    })

    it('lives 10 minutes', async () => {
      const phone = nextPhone()
      await send(phone, 'REGISTER', t0)
      const code = await sentCode(db.prisma, phone)
      await expect(codes.checkPhoneCode(phone, 'REGISTER', code, at(10 * MINUTE))).rejects.toMatchObject({
        code: 'CODE_EXPIRED',
        field: 'smsCode',
      })
      await send(phone, 'REGISTER', at(11 * MINUTE))
      const fresh = await sentCode(db.prisma, phone)
      // The old code died with the new one; the new one works until its 10 minutes are up.
      if (fresh !== code)
        await expect(codes.checkPhoneCode(phone, 'REGISTER', code, at(12 * MINUTE))).rejects.toMatchObject({ code: 'CODE_WRONG' })
      await prove(phone, 'REGISTER', fresh, at(21 * MINUTE - 1000))
    })

    it('allows 5 tries: the right code on the fifth works; after five wrong ones even the right code is refused', async () => {
      const phone = nextPhone()
      await send(phone, 'REGISTER', t0)
      const code = await sentCode(db.prisma, phone)
      for (const left of [4, 3, 2, 1])
        await expect(codes.checkPhoneCode(phone, 'REGISTER', wrongCode(code), at(1000))).rejects.toMatchObject({
          code: 'CODE_WRONG',
          localized: { key: 'phoneCode.wrong', values: { left } },
        })
      await prove(phone, 'REGISTER', code, at(2000))

      const other = nextPhone()
      await send(other, 'REGISTER', t0)
      const second = await sentCode(db.prisma, other)
      for (const left of [4, 3, 2, 1])
        await expect(codes.checkPhoneCode(other, 'REGISTER', wrongCode(second), t0)).rejects.toMatchObject({
          code: 'CODE_WRONG',
          localized: { key: 'phoneCode.wrong', values: { left } },
        })
      await expect(codes.checkPhoneCode(other, 'REGISTER', 'abcdef', t0)).rejects.toMatchObject({ code: 'CODE_WRONGLAST' })
      await expect(codes.checkPhoneCode(other, 'REGISTER', second, t0)).rejects.toMatchObject({ code: 'CODE_DEAD' })
      expect((await db.prisma.phoneCode.findFirstOrThrow({ where: { phone: other } })).attempts).toBe(5)
    })

    it('sends once per (phone, address) per 60 s and 5 times per 24 h, and says when the next send is allowed (Shanghai time)', async () => {
      const phone = nextPhone()
      await send(phone, 'REGISTER', t0, 'addr-0')
      const soon = send(phone, 'SIGN_UP', at(30_000), 'addr-0')
      await expect(soon).rejects.toMatchObject({
        code: 'CODE_TOO_SOON',
        field: 'smsCode',
        status: 429,
        localized: { key: 'phoneCode.tooSoon', values: { time: format.formatClock(at(MINUTE), at(30_000), 'zh-CN') } },
      })
      // Another address is not held by the first one's sends (a stranger's send cannot hold the owner's, issue 24).
      await send(phone, 'SIGN_UP', at(30_000), 'addr-1')
      // 10:00:60 Shanghai is 02:01:00Z: the text is the wall clock in Shanghai, to the second.
      expect(format.formatClock(new Date('2026-11-23T02:01:00Z'), new Date('2026-11-23T02:00:30Z'), 'zh-CN')).toBe('10:01:00')
      for (let i = 1; i < 5; i += 1) await send(phone, 'REGISTER', at(i * 61_000), 'addr-0')
      const dayLater = new Date(t0.getTime() + 86400_000)
      await expect(send(phone, 'REGISTER', at(20 * MINUTE), 'addr-0')).rejects.toMatchObject({
        code: 'CODE_DAY_LIMIT',
        localized: { key: 'phoneCode.dayLimit', values: { time: format.formatClock(dayLater, at(20 * MINUTE), 'zh-CN') } },
      })
      expect(format.formatClock(dayLater, at(20 * MINUTE), 'en')).toMatch(/^\d+ \w+ \d\d:\d\d:\d\d$/)
      expect(await db.prisma.phoneCode.count({ where: { phone } })).toBe(6)
      expect((await send(phone, 'REGISTER', new Date(dayLater.getTime() + 1000), 'addr-0')).nextSendAt).toBeTruthy()
      // The address is kept only as a keyed tag.
      for (const row of await db.prisma.phoneCode.findMany({ where: { phone } })) expect(row.requestedFrom).toMatch(/^[\w-]{16}$/)
    })

    it("caps a phone at 20 codes a day from addresses that have not proven it; the owner's proven address still gets one", async () => {
      const phone = nextPhone()
      // The owner proved the number from home once.
      await send(phone, 'SIGN_UP', t0, 'home')
      await prove(phone, 'SIGN_UP', await sentCode(db.prisma, phone), t0)
      // Strangers from five addresses ask up to four times each (below each address's own limit): 20 in all with home's.
      for (let a = 0; a < 5; a += 1)
        for (let i = 0; i < (a < 4 ? 4 : 3); i += 1) await send(phone, 'REGISTER', at(MINUTE + i * 61_000 + a * 1000), `stranger-${a}`)
      await expect(send(phone, 'REGISTER', at(10 * MINUTE), 'stranger-9')).rejects.toMatchObject({
        code: 'CODE_PHONE_DAY_LIMIT',
        field: 'smsCode',
        status: 429,
        localized: { key: 'phoneCode.phoneDayLimit' },
      })
      await send(phone, 'RESET_PASSWORD', at(10 * MINUTE), 'home')
    })

    it("a stranger's newer code does not void the owner's live one", async () => {
      const phone = nextPhone()
      await send(phone, 'REGISTER', t0, 'owner')
      const ownersCode = await sentCode(db.prisma, phone)
      await send(phone, 'REGISTER', at(1000), 'stranger')
      // Each try counts against every live code: a wrong one leaves 4 on each.
      const stranger = await sentCode(db.prisma, phone)
      const wrong = [ownersCode, stranger].includes(wrongCode(ownersCode)) ? wrongCode(stranger) : wrongCode(ownersCode)
      if (![ownersCode, stranger].includes(wrong))
        await expect(codes.checkPhoneCode(phone, 'REGISTER', wrong, at(2000))).rejects.toMatchObject({ code: 'CODE_WRONG' })
      await prove(phone, 'REGISTER', ownersCode, at(3000))
    })

    it('limits sends per address, whatever the numbers', async () => {
      for (let i = 0; i < 10; i += 1) await send(nextPhone(), 'REGISTER', at(i * 1000), 'one-address')
      await expect(send(nextPhone(), 'REGISTER', at(11_000), 'one-address')).rejects.toMatchObject({ code: 'CODE_ADDRESS_LIMIT' })
      await send(nextPhone(), 'REGISTER', at(11_000), 'another-address')
    })

    it('is used up by the action it guards, once; two submissions with one code: one wins', async () => {
      const phone = nextPhone()
      await send(phone, 'REGISTER', t0)
      const code = await sentCode(db.prisma, phone)
      const first = await codes.checkPhoneCode(phone, 'REGISTER', code, t0)
      const second = await codes.checkPhoneCode(phone, 'REGISTER', code, t0)
      await db.prisma.$transaction((tx) => codes.verifyPhoneCode(tx, first, t0))
      await expect(db.prisma.$transaction((tx) => codes.verifyPhoneCode(tx, second, t0))).rejects.toMatchObject({ code: 'CODE_EXPIRED' })
      await expect(codes.checkPhoneCode(phone, 'REGISTER', code, t0)).rejects.toMatchObject({ code: 'CODE_EXPIRED' })
      // A refused action gives the code back: it was never used.
      await send(phone, 'REGISTER', at(MINUTE))
      const again = await sentCode(db.prisma, phone)
      const checked = await codes.checkPhoneCode(phone, 'REGISTER', again, at(MINUTE))
      await expect(
        db.prisma.$transaction(async (tx) => {
          await codes.verifyPhoneCode(tx, checked, at(MINUTE))
          throw new Error('the action said no')
        }),
      ).rejects.toThrow('the action said no')
      await prove(phone, 'REGISTER', again, at(MINUTE))
    })

    it('works only for the purpose it was sent for', async () => {
      const phone = nextPhone()
      await send(phone, 'SIGN_UP', t0)
      const signUpCode = await sentCode(db.prisma, phone)
      await expect(codes.checkPhoneCode(phone, 'REGISTER', signUpCode, t0)).rejects.toMatchObject({ code: 'CODE_MISSING' })
      await send(phone, 'REGISTER', at(MINUTE))
      const registerCode = await sentCode(db.prisma, phone)
      if (registerCode !== signUpCode)
        await expect(codes.checkPhoneCode(phone, 'SIGN_UP', registerCode, at(MINUTE))).rejects.toMatchObject({ code: 'CODE_WRONG' })
      await prove(phone, 'REGISTER', registerCode, at(MINUTE))
      await prove(phone, 'SIGN_UP', signUpCode, at(MINUTE))
    })

    it('an activity marked 需要短信验证 confirms a registration only with the code sent to its phone', async () => {
      const session = await createSession(db.prisma, t0)
      await db.prisma.event.updateMany({ where: { sessions: { some: { id: session.id } } }, data: { requiresSmsCode: true } })
      const who = person(2)
      await expect(booking.registerForSession(session.id, who, { now: t0 })).rejects.toMatchObject({
        code: 'CODE_REQUIRED',
        field: 'smsCode',
      })
      await expect(booking.registerForSession(session.id, who, { now: t0, smsCode: '123456' })).rejects.toMatchObject({
        code: 'CODE_MISSING',
      })
      await send(who.phone, 'REGISTER', t0)
      const code = await sentCode(db.prisma, who.phone)
      await expect(booking.registerForSession(session.id, who, { now: t0, smsCode: wrongCode(code) })).rejects.toMatchObject({
        code: 'CODE_WRONG',
        field: 'smsCode',
      })
      // A code sent to another number proves nothing about this one.
      const other = person(1)
      await send(other.phone, 'REGISTER', t0)
      await expect(
        booking.registerForSession(session.id, other, { now: t0, smsCode: await sentCode(db.prisma, who.phone) }),
      ).rejects.toMatchObject({ field: 'smsCode' })
      expect(await db.prisma.registration.count({ where: { sessionId: session.id } })).toBe(0)
      const done = await booking.registerForSession(session.id, who, { now: t0, smsCode: code })
      expect(done.status).toBe('CONFIRMED')
      expect((await db.prisma.phoneCode.findFirstOrThrow({ where: { phone: who.phone } })).usedAt).toEqual(t0)
      // Used: it does not register the number again elsewhere.
      const another = await createSession(db.prisma, t0)
      await db.prisma.event.updateMany({ where: { sessions: { some: { id: another.id } } }, data: { requiresSmsCode: true } })
      await expect(booking.registerForSession(another.id, who, { now: t0, smsCode: code })).rejects.toMatchObject({ code: 'CODE_EXPIRED' })
      // Staff adding someone by hand need no code; activities without the mark need none either.
      const byStaff = await booking.registerForSession(another.id, who, { now: t0, byStaff: { audit: async () => {} } })
      expect(byStaff.status).toBe('CONFIRMED')
      const plain = await createSession(db.prisma, t0)
      expect((await booking.registerForSession(plain.id, person(1), { now: t0 })).status).toBe('CONFIRMED')
    })

    it('sign-up needs the code; asking for one answers the same whether or not the number has an account', async () => {
      const phone = nextPhone()
      const first = await residents.sendSignUpCode(phone, { address: 'x', ...zh, now: t0 })
      const code = await sentCode(db.prisma, phone)
      await expect(
        residents.signUpResident({ phone, password: 'a good password', smsCode: wrongCode(code) }, 'x', t0),
      ).rejects.toMatchObject({ code: 'CODE_WRONG' })
      expect(await db.prisma.resident.count({ where: { phone } })).toBe(0)
      const id = await residents.signUpResident({ phone, password: 'a good password', smsCode: code }, 'x', t0)
      expect(await residents.signInResident(phone, 'a good password', 'x')).toEqual({ ok: true, residentId: id })
      // Asking again for the same number: the same answer, no SMS, and every code fails like a wrong one.
      const again = await residents.sendSignUpCode(phone, { address: 'x', ...zh, now: at(MINUTE) })
      expect(Object.keys(again)).toEqual(Object.keys(first))
      expect(again.nextSendAt).toEqual(at(2 * MINUTE))
      expect(await db.prisma.message.count({ where: { recipient: phone } })).toBe(1)
      await expect(residents.signUpResident({ phone, password: 'another password', smsCode: code }, 'x', at(MINUTE))).rejects.toMatchObject(
        { code: 'CODE_WRONG', field: 'smsCode' },
      )
      // And it is limited like a real send.
      await expect(residents.sendSignUpCode(phone, { address: 'x', ...zh, now: at(MINUTE + 1000) })).rejects.toMatchObject({
        code: 'CODE_TOO_SOON',
      })
    })

    it('forgot password: a code only to a number with an account (same answer otherwise); the new password ends every session', async () => {
      const nobody = nextPhone()
      const answer = await residents.sendResetCode(nobody, { address: 'y', ...zh, now: t0 })
      expect(answer.nextSendAt).toEqual(at(MINUTE))
      expect(await db.prisma.message.count({ where: { recipient: nobody } })).toBe(0)
      await expect(
        residents.resetResidentPassword({ phone: nobody, password: 'new password!', smsCode: '123456' }, t0),
      ).rejects.toMatchObject({ code: 'CODE_WRONG' })

      // An account made before codes existed (no code behind it) keeps working, and can reset its password.
      const phone = nextPhone()
      const { hashPassword } = await import('~/utils/auth.server')
      const resident = await db.prisma.resident.create({
        data: {
          phone,
          passwordHash: await hashPassword('old password'),
          passportCode: `P${Date.now().toString(36).toUpperCase().slice(-7)}`,
        },
      })
      expect(await residents.signInResident(phone, 'old password', 'y')).toEqual({ ok: true, residentId: resident.id })
      const expires = new Date(Date.now() + 86400_000)
      await db.prisma.residentSession.createMany({
        data: [
          { residentId: resident.id, expiresAt: expires },
          { residentId: resident.id, expiresAt: expires },
        ],
      })
      await residents.sendResetCode(phone, { address: 'y', ...zh, now: t0 })
      const code = await sentCode(db.prisma, phone)
      await residents.resetResidentPassword({ phone, password: 'new password!', smsCode: code }, t0)
      expect(await db.prisma.residentSession.count({ where: { residentId: resident.id } })).toBe(0)
      expect(await residents.signInResident(phone, 'old password', 'z')).toMatchObject({ ok: false })
      expect(await residents.signInResident(phone, 'new password!', 'z')).toEqual({ ok: true, residentId: resident.id })
      await expect(residents.resetResidentPassword({ phone, password: 'third password', smsCode: code }, t0)).rejects.toMatchObject({
        code: 'CODE_EXPIRED',
      })
    })

    it("claiming a past registration needs its code and the SMS code sent to the account's number, which must be the registration's", async () => {
      const phone = nextPhone()
      await residents.sendSignUpCode(phone, { address: 'z', ...zh, now: t0 })
      const id = await residents.signUpResident({ phone, password: 'a good password', smsCode: await sentCode(db.prisma, phone) }, 'z', t0)
      const me = { id, phone, passportCode: '', sessionId: 't' }
      const session = await createSession(db.prisma, t0)
      const mine = await booking.registerForSession(session.id, person(1, phone), { now: t0 })
      const theirs = await booking.registerForSession(session.id, person(1), { now: t0 })
      await passport.sendClaimCode(me, { address: 'z', ...zh, now: at(MINUTE) })
      const code = await sentCode(db.prisma, phone)
      await expect(passport.claimRegistration(me, { code: mine.code, smsCode: wrongCode(code) }, 'z', at(MINUTE))).rejects.toMatchObject({
        field: 'smsCode',
      })
      await expect(passport.claimRegistration(me, { code: theirs.code, smsCode: code }, 'z', at(MINUTE))).rejects.toMatchObject({
        localized: { key: 'account.errors.claimNotFound' },
      })
      expect(await passport.claimRegistration(me, { code: mine.code, smsCode: code }, 'z', at(MINUTE))).toEqual({ title: '测试活动' })
      expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: mine.id } })).residentId).toBe(id)
      expect((await db.prisma.registration.findUniqueOrThrow({ where: { id: theirs.id } })).residentId).toBeNull()
    })
  })
}
