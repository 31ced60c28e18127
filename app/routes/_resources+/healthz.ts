import { json } from '@remix-run/node'
import { databaseIsReachable } from '~/models/health.server'
import { prisma } from '~/utils/infra/db.server'

export async function loader() {
  const ok = await databaseIsReachable(prisma)
  return json({ status: ok ? 'ok' : 'database unreachable' }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
