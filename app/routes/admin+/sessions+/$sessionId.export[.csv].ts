import type { LoaderFunctionArgs } from '@remix-run/node'
import { registrationsCsv } from '~/models/registration-admin.server'

import { requireStaff } from '~/utils/auth.server'
import { notFound } from '~/utils/http-errors'
import { Refusal } from '~/utils/refusal'

// A GET that only reads; asking for full numbers (?full=1) is written to the audit log.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const fullPhones = new URL(request.url).searchParams.get('full') === '1'
  try {
    const csv = await registrationsCsv(staff, params.sessionId ?? '', { fullPhones })
    const filename = `报名名单-${params.sessionId}${fullPhones ? '-完整号码' : ''}.csv`
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="registrations.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Cache-Control': 'private, no-store',
      },
    })
  } catch (error) {
    if (error instanceof Refusal) throw notFound('找不到这个场次，或不在你的管理范围内。')
    throw error
  }
}
