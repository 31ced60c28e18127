// Staff accounts: creation by admins (or the admin:create command), one-time set-password links, sign-in with
// per-account and per-address limits, password changes. Passwords never travel in links or logs.
import { type Prisma, type UserRole } from '@prisma/client'
import { recordAudit } from '~/models/audit.server'
import { queueMessage } from '~/models/message/message.server'
import { hashPassword, verifyPassword, type Staff } from '~/utils/auth.server'
import { isUniqueViolation } from '~/utils/infra/db-errors.server'
import { prisma } from '~/utils/infra/db.server'
import { consumeSignInTry } from '~/utils/infra/sign-in-limits.server'
import { roleLabel, userScope } from '~/utils/permissions.server'
import { hashLinkSecret, newLinkSecret } from '~/utils/private-links.server'
import { Refusal } from '~/utils/refusal'

/** A set-password link lives three days: long enough to pass on by phone or WeChat, short enough to go stale. */
export const PASSWORD_LINK_HOURS = 72

export type SignInResult = { ok: true; userId: string } | { ok: false; message: string; retryAfterSeconds?: number }

/**
 * Checks an email and password. Attempts are counted in the database (so the limit holds across instances) before
 * the password is checked, per (account, address), per address and per account with the rule of decision 014 (a
 * stranger slows an account down but cannot lock its known devices out), and the message never says which part
 * was wrong. `device`: this browser's id when it has signed in to this account before (sign-in-limits.server.ts).
 */
export async function signIn(
  email: string,
  password: string,
  address: string,
  device: string | null = null,
  now = new Date(),
): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase()
  const limit = await consumeSignInTry('staff', normalised, address, device, now)
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60)
    return {
      ok: false,
      message:
        limit.reason === 'newDevices'
          ? `这个账号近 ${minutes} 分钟内在别的设备上多次输错密码。为保护账号，新设备暂时不能用密码登录：请在以前登录过的设备上登录，或请管理员发送“设置密码”链接，用链接设置后这台设备即可登录。`
          : `尝试次数过多，请 ${minutes} 分钟后再试。`,
      retryAfterSeconds: limit.retryAfterSeconds,
    }
  }
  const user = await prisma.user.findUnique({ where: { email: normalised }, select: { id: true, passwordHash: true, disabled: true } })
  const valid = await verifyPassword(user?.passwordHash ?? null, password)
  if (!user || !valid || user.disabled) {
    if (user)
      await recordAudit(prisma, user.id, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        summary: '登录失败（密码错误或账号已停用）',
      })
    return { ok: false, message: '邮箱或密码不正确。' }
  }
  await recordAudit(prisma, user.id, { action: 'auth.login', entityType: 'user', entityId: user.id, summary: '登录' })
  return { ok: true, userId: user.id }
}

export type NewStaffInput = {
  email: string
  name: string
  role: UserRole
  districtId?: string | null
  organisationId?: string | null
}

/** What an admin may create: platform admins anything; district admins organisation staff of their district. */
async function checkAssignable(
  actor: Staff | null,
  input: NewStaffInput,
): Promise<{ districtId: string | null; organisationId: string | null }> {
  if (input.role === 'PLATFORM_ADMIN') {
    if (actor && actor.role !== 'PLATFORM_ADMIN') throw new Refusal('只有平台管理员可以创建平台管理员。', 'role')
    return { districtId: null, organisationId: null }
  }
  if (input.role === 'DISTRICT_ADMIN') {
    if (actor && actor.role !== 'PLATFORM_ADMIN') throw new Refusal('只有平台管理员可以创建区管理员。', 'role')
    if (!input.districtId) throw new Refusal('请为区管理员选择所在区。', 'districtId')
    const district = await prisma.district.findUnique({ where: { id: input.districtId }, select: { id: true } })
    if (!district) throw new Refusal('请选择所在区。', 'districtId')
    return { districtId: district.id, organisationId: null }
  }
  if (!input.organisationId) throw new Refusal('请为工作人员选择所属单位。', 'organisationId')
  const organisation = await prisma.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true, districtId: true } })
  if (!organisation) throw new Refusal('请选择所属单位。', 'organisationId')
  if (actor?.role === 'DISTRICT_ADMIN' && organisation.districtId !== actor.districtId)
    throw new Refusal('只能为本区的单位创建账号。', 'organisationId')
  if (actor?.role === 'ORG_STAFF') throw new Refusal('你没有权限创建账号。')
  return { districtId: organisation.districtId, organisationId: organisation.id }
}

/** A new set-password link's secret for the account, in the caller's transaction; only its hash is stored. */
export function issueToken(tx: Prisma.TransactionClient, userId: string, issuedById: string | null, now: Date) {
  const { secret, hash } = newLinkSecret()
  return tx.passwordToken
    .create({ data: { tokenHash: hash, userId, issuedById, expiresAt: new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000) } })
    .then(() => secret)
}

/** Where a set-password link goes: shown once to the admin (null), or e-mailed to the account from this origin. */
export type LinkDelivery = { mailFrom: string } | null

/** Queues the set-password e-mail in the caller's transaction; the link is never shown to the admin then. */
export function mailPasswordLink(
  tx: Prisma.TransactionClient,
  user: { id: string; email: string; name: string },
  secret: string,
  origin: string,
) {
  return queueMessage(
    tx,
    { email: user.email, language: 'zh-CN' },
    {
      template: 'staff.set-password',
      params: { name: user.name, hours: String(PASSWORD_LINK_HOURS), link: `${origin}/admin/set-password/${secret}` },
      subjectType: 'User',
      subjectId: user.id,
    },
  )
}

/**
 * Creates a staff account without a password and returns a one-time set-password secret for it (there is
 * no mail server: the admin passes the link on). `actor` is null for the admin:create command.
 */
export async function createStaff(
  actor: Staff | null,
  input: NewStaffInput,
  now?: Date,
  delivery?: null,
): Promise<{ userId: string; linkSecret: string }>
export async function createStaff(
  actor: Staff | null,
  input: NewStaffInput,
  now: Date | undefined,
  delivery: LinkDelivery,
): Promise<{ userId: string; linkSecret: string | null }>
export async function createStaff(
  actor: Staff | null,
  input: NewStaffInput,
  now = new Date(),
  delivery: LinkDelivery = null,
): Promise<{ userId: string; linkSecret: string | null }> {
  const scope = await checkAssignable(actor, input)
  const email = input.email.trim().toLowerCase()
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name: input.name.trim(), role: input.role, ...scope },
        select: { id: true, email: true, name: true },
      })
      const linkSecret = await issueToken(tx, user.id, actor?.id ?? null, now)
      if (delivery) await mailPasswordLink(tx, user, linkSecret, delivery.mailFrom)
      await recordAudit(tx, actor?.id ?? null, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        districtId: scope.districtId,
        summary: `创建账号 ${email}（${roleLabel[input.role]}）${actor ? '' : '（命令行）'}${delivery ? '，设置密码链接已发到邮箱' : ''}`,
        details: { role: input.role, ...scope },
      })
      return { userId: user.id, linkSecret: delivery ? null : linkSecret }
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new Refusal('这个邮箱已有账号。', 'email')
    throw error
  }
}

/** Finds a staff account the actor manages, or null. */
export function findManagedUser(actor: Staff, userId: string) {
  return prisma.user.findFirst({
    where: { AND: [{ id: userId }, userScope(actor)] },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      createdAt: true,
      passwordHash: true,
      district: { select: { name: true } },
      organisation: { select: { name: true } },
    },
  })
}

export function listManagedUsers(actor: Staff) {
  return prisma.user.findMany({
    where: userScope(actor),
    orderBy: [{ role: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      passwordHash: true,
      district: { select: { name: true } },
      organisation: { select: { name: true } },
    },
  })
}

/** A new set-password link for an account (a reset); earlier unused links stop working. */
export async function reissuePasswordLink(actor: Staff, userId: string, now?: Date, delivery?: null): Promise<string>
export async function reissuePasswordLink(
  actor: Staff,
  userId: string,
  now: Date | undefined,
  delivery: LinkDelivery,
): Promise<string | null>
export async function reissuePasswordLink(
  actor: Staff,
  userId: string,
  now = new Date(),
  delivery: LinkDelivery = null,
): Promise<string | null> {
  const user = await findManagedUser(actor, userId)
  if (!user) throw new Refusal('找不到这个账号。')
  return prisma.$transaction(async (tx) => {
    await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { expiresAt: now } })
    const secret = await issueToken(tx, userId, actor.id, now)
    if (delivery) await mailPasswordLink(tx, user, secret, delivery.mailFrom)
    await recordAudit(tx, actor.id, {
      action: 'user.password_link',
      entityType: 'user',
      entityId: userId,
      summary: `为 ${user.email} 生成设置密码链接${delivery ? '，已发到邮箱' : ''}`,
    })
    return delivery ? null : secret
  })
}

/** Disables or re-enables an account; disabling ends its sessions at once. */
export async function setStaffDisabled(actor: Staff, userId: string, disabled: boolean): Promise<void> {
  if (actor.id === userId) throw new Refusal('不能停用自己的账号。')
  const user = await findManagedUser(actor, userId)
  if (!user) throw new Refusal('找不到这个账号。')
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabled } })
    if (disabled) await tx.userSession.deleteMany({ where: { userId } })
    await recordAudit(tx, actor.id, {
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: userId,
      summary: `${disabled ? '停用' : '启用'}账号 ${user.email}`,
    })
  })
}

/** Whose link this is, if it is still good. */
export async function findPasswordToken(secret: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(secret)) return null
  return prisma.passwordToken.findFirst({
    where: { tokenHash: hashLinkSecret(secret), usedAt: null, expiresAt: { gt: now }, user: { disabled: false } },
    select: { id: true, user: { select: { id: true, email: true, name: true } } },
  })
}

/** Sets the password with a one-time link: the link is used up and any other session of the account ends. */
export async function setPasswordWithToken(secret: string, password: string, now = new Date()): Promise<{ userId: string; email: string }> {
  const token = await findPasswordToken(secret, now)
  if (!token) throw new Refusal('链接已失效或已使用，请联系管理员重新生成。')
  const passwordHash = await hashPassword(password)
  return prisma.$transaction(async (tx) => {
    // Only one request can use the link: the update matches only while it is unused.
    const used = await tx.passwordToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: now } })
    if (used.count !== 1) throw new Refusal('链接已失效或已使用，请联系管理员重新生成。')
    await tx.user.update({ where: { id: token.user.id }, data: { passwordHash } })
    await tx.userSession.deleteMany({ where: { userId: token.user.id } })
    await recordAudit(tx, token.user.id, {
      action: 'auth.set_password',
      entityType: 'user',
      entityId: token.user.id,
      summary: '通过一次性链接设置密码',
    })
    return { userId: token.user.id, email: token.user.email }
  })
}

/** Changes the password after checking the current one; other sessions of the account end. */
export async function changePassword(staff: Staff, current: string, next: string): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: staff.id }, select: { passwordHash: true } })
  if (!(await verifyPassword(user.passwordHash, current))) throw new Refusal('当前密码不正确。', 'currentPassword')
  const passwordHash = await hashPassword(next)
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: staff.id }, data: { passwordHash } })
    await tx.userSession.deleteMany({ where: { userId: staff.id, id: { not: staff.sessionId } } })
    await recordAudit(tx, staff.id, { action: 'auth.change_password', entityType: 'user', entityId: staff.id, summary: '修改密码' })
  })
}
