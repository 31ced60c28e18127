// The public data version (migration 0009, decision 015) as this process last read it. It moves with every committed
// change to what public pages show, so a value derived from public data that every page needs (whether the
// demonstration banner shows) is worked out once per version instead of once per request. One read serves this
// process's requests for the next 0.1 s, as the shared page cache's does (server/page-cache.ts).
import { prisma } from '~/utils/infra/db.server'

const READ_EVERY_MS = 100
let last: { at: number; version: Promise<string> } | undefined

export function publicDataVersion(): Promise<string> {
  if (!last || Date.now() - last.at > READ_EVERY_MS) {
    const version = prisma.$queryRaw<
      [{ version: string }]
    >`SELECT last_value::text || is_called::text AS version FROM "PublicDataVersion"`.then(([row]) => row.version)
    last = { at: Date.now(), version }
    // A failed read is not kept: the next request reads again.
    version.catch(() => {
      if (last?.version === version) last = undefined
    })
  }
  return last.version
}

/**
 * `compute()`'s answer for the public data version now: computed again only once the version has moved. The version
 * is read before `compute` runs, so the answer kept is at least as new as the version it is kept under.
 */
export function perPublicDataVersion<T>(compute: () => Promise<T>): () => Promise<T> {
  let kept: { version: string; value: Promise<T> } | undefined
  return async () => {
    const version = await publicDataVersion()
    if (kept?.version !== version) {
      const value = compute()
      kept = { version, value }
      value.catch(() => {
        if (kept?.value === value) kept = undefined
      })
    }
    return kept.value
  }
}
