// A competition entry's file (decision 038), served only to whom the competitions model allows: the team's account,
// staff who run the competition, judges assigned to the team. Anything else, and an entry that is a link or does not
// exist, is 404: ids cannot be probed. A download named by team number and version, never cached by others.
import { entryFileResponse } from '~/models/competitions/entry-files.server'
import { getResident } from '~/models/passport/account.server'
import { getStaff } from '~/utils/auth.server'
import { notFound } from '~/utils/http-errors'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.entryId ?? ''
  if (!/^[a-z0-9]{20,40}$/.test(id)) throw notFound()
  const [staff, resident] = await Promise.all([getStaff(request), getResident(request)])
  const response = await entryFileResponse(id, { staff, residentId: resident?.id ?? null })
  if (!response) throw notFound()
  return response
}
