// Entries as files (issue 29 point 3, decision 038): a PDF, an image or a short video, as a new version of the
// team's entry until the team's deadline, like a link. The rules this file keeps:
// - the form pipeline has read the file within ENTRY_VIDEO_MAX_BYTES and checked it by content; here each kind has
//   its limit (a PDF 20 MB, an image 10 MB, re-encoded without metadata, a video 60 MB) and is stored through the
//   storage module under a key of ours, never the sent name;
// - a late post stores nothing: the deadline is checked before storing, and again under the team's row lock when
//   the version is written; a file stored for a post that is then refused is deleted before the refusal answers;
// - who may read a file: the team (the account that registered it), staff who run the competition, and judges of
//   the competition assigned to the team (not recused). Anyone else is told there is no such file (404). The file
//   goes out as a download named by team number and version, never by the sent name (judges do not learn who made it).
import { formatDayTime } from '~/utils/format'
import { notFound } from '~/utils/http-errors'
import { defaultLanguage, type Language } from '~/utils/i18n'
import { prisma } from '~/utils/infra/db.server'
import { fileStore, fileResponse, storeFile, storeImage, type FileStore, type StoredUpload } from '~/utils/infra/storage/index.server'
import { ENTRY_DOCUMENT_MAX_BYTES, ENTRY_IMAGE_MAX_BYTES, ENTRY_VIDEO_MAX_BYTES } from '~/utils/infra/storage/limits'
import { Refusal, localized } from '~/utils/refusal'
import { competitionScope, teamDeadline } from './competition.server'
import { submitEntry, type TeamOwner } from './teams.server'
import type { Staff } from '~/utils/auth.server'

export const ENTRY_FILE_PURPOSE = 'competition-entry'
/** The field of the entry form's file, where its refusals are shown. */
export const ENTRY_FILE_FIELD = 'file'

const VIDEO_TYPES = { 'video/mp4': 'mp4', 'video/webm': 'webm', 'video/quicktime': 'mov' }

/** Stores a checked file by what it is: an image re-encoded, a PDF or a video as it came, each within its limit. */
function storeEntry(store: FileStore, file: File): Promise<StoredUpload> {
  const options = { purpose: ENTRY_FILE_PURPOSE, field: ENTRY_FILE_FIELD }
  if (file.type.startsWith('image/')) return storeImage(store, file, { ...options, maxBytes: ENTRY_IMAGE_MAX_BYTES, maxEdge: 2400 })
  if (file.type === 'application/pdf')
    return storeFile(store, file, { ...options, maxBytes: ENTRY_DOCUMENT_MAX_BYTES, types: { 'application/pdf': 'pdf' } })
  return storeFile(store, file, { ...options, maxBytes: ENTRY_VIDEO_MAX_BYTES, types: VIDEO_TYPES })
}

/**
 * A new version of the team's entry as a file. Refused (and nothing stored) after the team's deadline; 404 for an
 * account that did not register the team.
 */
export async function submitEntryFile(
  owner: TeamOwner,
  teamId: string,
  file: File,
  input: { note?: string },
  { now = new Date(), language = defaultLanguage, store = fileStore() }: { now?: Date; language?: Language; store?: FileStore } = {},
): Promise<{ version: number }> {
  const team = await prisma.competitionTeam.findFirst({
    where: { id: teamId, registrantId: owner.id },
    select: { entryExtendedUntil: true, competition: { select: { status: true, entryClosesAt: true } } },
  })
  if (!team) throw notFound()
  const deadline = teamDeadline(team.competition, team)
  if (team.competition.status !== 'OPEN' || now >= deadline)
    throw new Refusal(localized('competition.refusal.entryClosed', { time: formatDayTime(deadline, language) }), ENTRY_FILE_FIELD)
  const saved = await storeEntry(store, file)
  try {
    return await submitEntry(
      owner,
      teamId,
      { kind: 'FILE', url: saved.key, fileName: file.name.slice(0, 120), note: input.note ?? '' },
      ENTRY_FILE_FIELD,
      { now, language },
    )
  } catch (error) {
    await store.delete(saved.key)
    throw error
  }
}

/** The name a file entry is downloaded under: the team's number and the version, the stored extension. */
export function entryDownloadName(teamCode: string, version: number, key: string): string {
  return `entry-${teamCode}-v${version}${key.slice(key.lastIndexOf('.'))}`
}

/**
 * The stored file of an entry, for one who may read it: the team's account, staff who run the competition, or a
 * judge of the competition assigned to the team and not recused. Null for anyone else and for a link entry.
 */
export async function entryFileFor(
  entryId: string,
  viewer: { staff: Staff | null; residentId: string | null },
): Promise<{ key: string; downloadName: string } | null> {
  const entry = await prisma.competitionEntry.findUnique({
    where: { id: entryId },
    select: {
      kind: true,
      url: true,
      version: true,
      team: { select: { id: true, code: true, registrantId: true, competitionId: true } },
    },
  })
  if (!entry || entry.kind !== 'FILE') return null
  const found = { key: entry.url, downloadName: entryDownloadName(entry.team.code, entry.version, entry.url) }
  if (viewer.residentId !== null && entry.team.registrantId === viewer.residentId) return found
  const staff = viewer.staff
  if (!staff) return null
  const runs = await prisma.competition.count({ where: { id: entry.team.competitionId, ...competitionScope(staff) } })
  if (runs) return found
  const judges = await prisma.judgeAssignment.count({
    where: { teamId: entry.team.id, recusedAt: null, judge: { userId: staff.id, competitionId: entry.team.competitionId } },
  })
  return judges ? found : null
}

/** The answer for an entry's file: a private download, or null (404) for anyone who may not read it. */
export async function entryFileResponse(entryId: string, viewer: { staff: Staff | null; residentId: string | null }) {
  const file = await entryFileFor(entryId, viewer)
  return file ? fileResponse(file.key, 'private', undefined, file.downloadName) : null
}
