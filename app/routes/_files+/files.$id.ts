// Stored files (decision 034), served only here and only to whom the owning feature allows: a published
// lecturer's photo to everyone, an unpublished one to the lecturer and their roster's staff. Anything else is 404,
// the same answer as a file that does not exist, so ids cannot be probed.
import { lecturerPhotoAccess } from '~/models/lecturers/roster.server'
import { ONLINE_COVER_PURPOSE, onlineCoverAccess } from '~/models/online/resources.server'
import { getResident } from '~/models/passport/account.server'
import { storedFilePurpose } from '~/models/stored-file.server'
import { getStaff } from '~/utils/auth.server'
import { notFound } from '~/utils/http-errors'
import { fileResponse } from '~/utils/infra/storage/index.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

/** Who may see a file, per purpose: each feature that stores files adds its rule here. */
const access: Record<string, typeof lecturerPhotoAccess> = {
  'lecturer-photo': lecturerPhotoAccess,
  [ONLINE_COVER_PURPOSE]: onlineCoverAccess,
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? ''
  const purpose = /^[a-z0-9]{20,40}$/.test(id) ? await storedFilePurpose(id) : null
  const rule = purpose ? access[purpose] : undefined
  if (!rule) throw notFound()
  const [staff, resident] = await Promise.all([getStaff(request), getResident(request)])
  const allowed = await rule(id, { staff, residentId: resident?.id ?? null })
  const response = allowed ? await fileResponse(allowed.key, allowed.visibility) : null
  if (!response) throw notFound()
  return response
}
