// The library's filters as the URL carries them (`q`, `kind`, `district`, `page`), shared by the list page, its feed
// and the open-data API: one reading of the URL, so the three show the same set.
import { z } from 'zod'
import { ONLINE_RESOURCE_KINDS } from '~/models/online/admin-schema'
import { parseKeyword, type KeywordProblem } from '~/utils/keyword'
import type { OnlineResourceKind } from '@prisma/client'

const query = z.object({
  kind: z.enum(ONLINE_RESOURCE_KINDS as [OnlineResourceKind, ...OnlineResourceKind[]]).optional(),
  district: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
})

export type ResourceFilters = { q?: string; kind?: OnlineResourceKind; district?: string; page: number }

/** The filters, and what is wrong with the URL's (an unknown kind, a query too long): named, never guessed. */
export function parseResourceFilters(params: URLSearchParams): { filters: ResourceFilters; problems: Record<string, string> } {
  const problems: Record<string, string> = {}
  const read = (name: 'kind' | 'district' | 'page') => params.get(name) || undefined
  const parsed = query.safeParse({ kind: read('kind'), district: read('district'), page: read('page') })
  const base = parsed.success ? parsed.data : { page: 1 }
  if (!parsed.success)
    for (const [field, issues] of Object.entries(parsed.error.flatten().fieldErrors)) problems[field] = issues?.[0] ?? 'invalid'
  const keyword = parseKeyword(params.get('q'))
  if (keyword.problem) problems.q = keyword.problem satisfies KeywordProblem
  return { filters: { ...base, q: keyword.q }, problems }
}
