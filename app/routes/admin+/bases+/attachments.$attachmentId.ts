// A 申报 attachment or a yearly report's evidence file (decision 036), served only to whom may see its record: the
// venue's organisation staff, the district's reviewers, platform admins. Anyone else, and an unknown id, is 404: ids
// cannot be probed. A private download under the file's cleaned name, never a page.
import { attachmentResponse } from '~/models/bases/attachments.server'
import { requireStaff } from '~/utils/auth.server'
import { notFound } from '~/utils/http-errors'
import type { LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const id = params.attachmentId ?? ''
  const response = /^[a-z0-9]{20,40}$/.test(id) ? await attachmentResponse(staff, id) : null
  if (!response) throw notFound()
  return response
}
