// Staff resending a message (decision 011): a new queued copy, the old one pointing at it, a redacted private link
// rebuilt from the record's code, verification codes never resent, others' messages out of reach, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { derivedLinkSecret } from '~/utils/private-links.server'
import { Refusal } from '~/utils/refusal'
import { useTestDatabaseForApp } from '../helpers/app-db'
import { createStaffWorld, type StaffWorld } from '../helpers/staff-world'
import type { TestDatabase } from '../helpers/db'
import type { Staff } from '~/utils/auth.server'

describe('resending a message', () => {
  let db: TestDatabase
  let world: StaffWorld
  // App modules load after the app's client points at the test database (tests/helpers/app-db.ts).
  let resendMessage: typeof import('~/models/message/admin.server').resendMessage
  let linkKey: typeof import('~/utils/infra/secrets.server').linkKey
  const staffOf = (user: StaffWorld['users']['platformAdmin']): Staff => ({ ...user, sessionId: '-' })

  beforeAll(async () => {
    db = await useTestDatabaseForApp('pglite')
    world = await createStaffWorld(db.prisma)
    ;({ resendMessage } = await import('~/models/message/admin.server'))
    ;({ linkKey } = await import('~/utils/infra/secrets.server'))
  })
  afterAll(async () => {
    await db?.drop()
  })

  const message = (data: { subjectType?: string; params?: Record<string, string> } = {}) =>
    db.prisma.message.create({
      data: {
        channel: 'SMS',
        recipient: world.registration.phone,
        template: 'registration.confirmed',
        params: data.params ?? { title: 'T', time: 't', place: 'p', code: 'C', link: '[redacted]' },
        subjectType: data.subjectType ?? 'Registration',
        subjectId: world.registration.id,
        districtId: world.sj.id,
        status: 'SENT',
      },
    })

  it('queues a copy with the private link rebuilt, once, and audits it', async () => {
    const { secret, hash } = derivedLinkSecret(await linkKey(), 'registration', world.registration.code)
    await db.prisma.registration.update({ where: { id: world.registration.id }, data: { manageTokenHash: hash } })
    const old = await message()
    const { id } = await resendMessage(staffOf(world.users.staff), old.id, 'https://kepu.test')
    const copy = await db.prisma.message.findUniqueOrThrow({ where: { id } })
    expect(copy).toMatchObject({ status: 'QUEUED', jobId: null, template: 'registration.confirmed', recipient: world.registration.phone })
    expect((copy.params as Record<string, string>).link).toBe(`https://kepu.test/r/${secret}`)
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ resentAsId: id })
    expect(await db.prisma.auditEntry.findFirst({ where: { action: 'message.resend', entityId: old.id } })).toMatchObject({
      actorId: world.users.staff.id,
    })
    await expect(resendMessage(staffOf(world.users.platformAdmin), old.id, 'https://kepu.test')).rejects.toThrow(Refusal)
  })

  it('refuses a link that was not derived from the code, and verification codes', async () => {
    await db.prisma.registration.update({ where: { id: world.registration.id }, data: { manageTokenHash: 'random-old-hash' } })
    await expect(resendMessage(staffOf(world.users.platformAdmin), (await message()).id, 'https://kepu.test')).rejects.toThrow(/私密链接/)
    const code = await message({ subjectType: 'PhoneCode', params: { title: 'T', time: 't', place: 'p', code: 'C', link: 'L' } })
    await expect(resendMessage(staffOf(world.users.platformAdmin), code.id, 'https://kepu.test')).rejects.toThrow(/验证码/)
  })

  it('another district admin or organisation cannot resend', async () => {
    const old = await message({ params: { title: 'T', time: 't', place: 'p', code: 'C', link: 'L' } })
    for (const user of [world.users.otherDistrictAdmin, world.users.otherOrgStaff]) {
      const thrown = await resendMessage(staffOf(user), old.id, 'https://kepu.test').catch((e: unknown) => e)
      expect(thrown).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(403)
    }
  })
})
