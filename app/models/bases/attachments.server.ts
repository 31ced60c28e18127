// Files attached to a 申报 and evidence files of a yearly report (issue 27 points 2 and 3, decision 036). The rules:
// - the form pipeline (decision 038) has read the file within BASE_ATTACHMENT_MAX_BYTES and checked it by content
//   (a PDF or an image); here a PDF is stored as sent (up to 20 MB) and an image re-encoded without metadata (up to
//   10 MB), through the storage module, under a key of ours. The sent name, cleaned, is only a label;
// - only the applicant (staff of the venue's organisation) adds or removes a file, and only while the application is
//   a draft or returned (the report: open or returned). The state is checked before storing and again under the
//   record's row lock when the row is written; a file stored for a post then refused is deleted before answering;
// - who reads a file: whoever may see its record (the venue's organisation staff, the district's reviewers, platform
//   admins). Anyone else, and an unknown id, is 404. A file goes out as a private attachment, never a page;
// - every add and removal is an audit entry of its record (its history), in the transaction that writes the row.
import { recordAudit } from '~/models/audit.server'
import { formatBytes } from '~/utils/format'
import { forbidden } from '~/utils/http-errors'
import { prisma, type Tx } from '~/utils/infra/db.server'
import { fileResponse, fileStore, storeFile, storeImage, type FileStore, type StoredUpload } from '~/utils/infra/storage/index.server'
import { BASE_ATTACHMENT_IMAGE_MAX_BYTES, BASE_ATTACHMENT_MAX_BYTES, BASE_ATTACHMENTS_MAX } from '~/utils/infra/storage/limits'
import { Refusal } from '~/utils/refusal'
import { applicationScope } from './application.server'
import { applicationStatusLabel, reviewStatusLabel } from './labels'
import { reviewScope } from './review.server'
import type { Staff } from '~/utils/auth.server'

export const BASE_ATTACHMENT_PURPOSE = 'base-attachment'
/** The form field of an attachment, where its refusals are shown. */
export const ATTACHMENT_FIELD = 'file'

export type AttachmentOwner = { kind: 'application'; id: string } | { kind: 'review'; id: string }

/** An attachment as the record's page lists it. */
export type AttachmentItem = {
  id: string
  fileName: string
  contentType: string
  byteSize: number
  createdAt: Date
  uploadedBy: string | null
}

const missing = () => new Refusal('没有这个附件，或不在您的范围内。', undefined, 404)

/** The record's row locked, in the staff member's scope (else 404), with who may change its files and whether now. */
async function lockOwner(tx: Tx, staff: Staff, owner: AttachmentOwner) {
  if (owner.kind === 'application') {
    await tx.$queryRaw`SELECT id FROM "BaseApplication" WHERE id = ${owner.id} FOR UPDATE`
    const a = await tx.baseApplication.findFirst({
      where: { id: owner.id, ...applicationScope(staff) },
      select: {
        id: true,
        status: true,
        districtId: true,
        venue: { select: { name: true, organisationId: true } },
        level: { select: { name: true } },
      },
    })
    if (!a) throw new Refusal('没有这份申报，或不在您的范围内。', undefined, 404)
    return {
      entityType: 'BaseApplication' as const,
      districtId: a.districtId,
      organisationId: a.venue.organisationId,
      what: `「${a.venue.name}」${a.level.name}申报`,
      open: a.status === 'DRAFT' || a.status === 'RETURNED',
      state: applicationStatusLabel[a.status],
    }
  }
  await tx.$queryRaw`SELECT id FROM "BaseReview" WHERE id = ${owner.id} FOR UPDATE`
  const r = await tx.baseReview.findFirst({
    where: { id: owner.id, ...reviewScope(staff) },
    select: {
      id: true,
      status: true,
      year: true,
      districtId: true,
      venue: { select: { name: true, organisationId: true } },
      level: { select: { name: true } },
    },
  })
  if (!r) throw new Refusal('没有这份考核报告，或不在您的范围内。', undefined, 404)
  return {
    entityType: 'BaseReview' as const,
    districtId: r.districtId,
    organisationId: r.venue.organisationId,
    what: `「${r.venue.name}」${r.level.name} ${r.year} 年度考核`,
    open: r.status === 'OPEN' || r.status === 'RETURNED',
    state: reviewStatusLabel[r.status],
  }
}
type Owner = Awaited<ReturnType<typeof lockOwner>>

/** Only the base (staff of the venue's organisation) changes its files, and only while the record is theirs to edit. */
function requireChangeable(staff: Staff, owner: Owner): void {
  if (staff.role !== 'ORG_STAFF' || !staff.organisationId || staff.organisationId !== owner.organisationId)
    throw forbidden('附件由申报单位上传和删除。')
  if (!owner.open)
    throw new Refusal(
      `${owner.entityType === 'BaseApplication' ? '这份申报' : '这份考核报告'}现在是「${owner.state}」，附件已锁定，不能再添加或删除（页面可能已过期，请刷新）。`,
      ATTACHMENT_FIELD,
      409,
    )
}

const ownerWhere = (owner: AttachmentOwner) => (owner.kind === 'application' ? { applicationId: owner.id } : { reviewId: owner.id })

/** Stores a checked file by what it is: an image re-encoded, a PDF as it came, each within its limit. */
function storeAttachment(store: FileStore, file: File): Promise<StoredUpload> {
  const options = { purpose: BASE_ATTACHMENT_PURPOSE, field: ATTACHMENT_FIELD }
  if (file.type.startsWith('image/'))
    return storeImage(store, file, { ...options, maxBytes: BASE_ATTACHMENT_IMAGE_MAX_BYTES, maxEdge: 2400 })
  return storeFile(store, file, { ...options, maxBytes: BASE_ATTACHMENT_MAX_BYTES, types: { 'application/pdf': 'pdf' } })
}

/** The files of a record, oldest first, for its page (the caller has already checked the record is in scope). */
export async function listAttachments(owner: AttachmentOwner): Promise<AttachmentItem[]> {
  const rows = await prisma.baseAttachment.findMany({
    where: ownerWhere(owner),
    orderBy: { createdAt: 'asc' },
    select: { id: true, fileName: true, contentType: true, byteSize: true, createdAt: true, uploadedBy: { select: { name: true } } },
  })
  return rows.map(({ uploadedBy, ...row }) => ({ ...row, uploadedBy: uploadedBy?.name ?? null }))
}

/**
 * The base attaches a file to its application or report. Refused (nothing stored) out of scope (404), for anyone
 * but the base (403), once the record is submitted (409), or past BASE_ATTACHMENTS_MAX files.
 */
export async function addAttachment(
  staff: Staff,
  owner: AttachmentOwner,
  file: File,
  { store = fileStore() }: { store?: FileStore } = {},
): Promise<string> {
  // Checked before storing, so a refused post stores nothing; checked again under the lock below.
  await prisma.$transaction(async (tx) => requireChangeable(staff, await lockOwner(tx, staff, owner)))
  const saved = await storeAttachment(store, file)
  try {
    return await prisma.$transaction(async (tx) => {
      const record = await lockOwner(tx, staff, owner)
      requireChangeable(staff, record)
      const count = await tx.baseAttachment.count({ where: ownerWhere(owner) })
      if (count >= BASE_ATTACHMENTS_MAX) throw new Refusal(`附件最多 ${BASE_ATTACHMENTS_MAX} 个：请先删除不需要的文件。`, ATTACHMENT_FIELD)
      const fileName = cleanName(file.name, saved.key)
      const created = await tx.baseAttachment.create({
        data: {
          ...ownerWhere(owner),
          key: saved.key,
          fileName,
          contentType: saved.contentType,
          byteSize: saved.byteSize,
          uploadedById: staff.id,
        },
        select: { id: true },
      })
      await recordAudit(tx, staff.id, {
        action: 'base.attachment_add',
        entityType: record.entityType,
        entityId: owner.id,
        summary: `${record.what}：上传附件「${fileName}」（${formatBytes(saved.byteSize)}）`,
        details: { attachmentId: created.id, key: saved.key, fileName, byteSize: saved.byteSize, contentType: saved.contentType },
        districtId: record.districtId,
      })
      return created.id
    })
  } catch (error) {
    await store.delete(saved.key)
    throw error
  }
}

/** The base removes one of its files while the record is a draft or returned; the stored file goes after the row. */
export async function removeAttachment(
  staff: Staff,
  owner: AttachmentOwner,
  attachmentId: string,
  { store = fileStore() }: { store?: FileStore } = {},
): Promise<string> {
  const removed = await prisma.$transaction(async (tx) => {
    const record = await lockOwner(tx, staff, owner)
    const attachment = await tx.baseAttachment.findFirst({ where: { id: attachmentId, ...ownerWhere(owner) } })
    if (!attachment) throw missing()
    requireChangeable(staff, record)
    await tx.baseAttachment.delete({ where: { id: attachment.id } })
    await recordAudit(tx, staff.id, {
      action: 'base.attachment_remove',
      entityType: record.entityType,
      entityId: owner.id,
      summary: `${record.what}：删除附件「${attachment.fileName}」`,
      details: { attachmentId: attachment.id, key: attachment.key, fileName: attachment.fileName },
      districtId: record.districtId,
    })
    return attachment
  })
  await store.delete(removed.key)
  return removed.fileName
}

/** The sent name's last part, without control characters and leading dots, with the stored file's extension. */
function cleanName(sent: string, key: string): string {
  const ext = key.slice(key.lastIndexOf('.'))
  const base = (sent.split(/[/\\]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 100)
  return `${base || 'file'}${ext}`
}

/**
 * The stored file of an attachment, for one who may see its record: the venue's organisation staff, the district's
 * reviewers, platform admins. Null (404) for anyone else and for an unknown id.
 */
export async function attachmentFor(staff: Staff | null, attachmentId: string): Promise<{ key: string; fileName: string } | null> {
  if (!staff) return null
  const found = await prisma.baseAttachment.findFirst({
    where:
      staff.role === 'PLATFORM_ADMIN'
        ? { id: attachmentId }
        : { id: attachmentId, OR: [{ application: { is: applicationScope(staff) } }, { review: { is: reviewScope(staff) } }] },
    select: { key: true, fileName: true },
  })
  return found
}

/** The answer for an attachment: a private download under its cleaned name, or null (404). */
export async function attachmentResponse(staff: Staff | null, attachmentId: string, store = fileStore()) {
  const file = await attachmentFor(staff, attachmentId)
  return file ? fileResponse(file.key, 'private', store, file.fileName) : null
}
