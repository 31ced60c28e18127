// Resend one message (a new queued copy; audit `message.resend`), then back to the staff page it was asked from.
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { resendMessage } from '~/models/message/admin.server'
import { requireStaff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { httpError } from '~/utils/http-errors'
import { publicOrigin } from '~/utils/links.server'
import { Refusal } from '~/utils/refusal'

const schema = z.object({
  intent: z.literal('resend'),
  messageId: z.string().min(1),
  // Only back into the staff area: never an open redirect.
  returnTo: z
    .string()
    .regex(/^\/admin(\/[^/\\]|$|\?)/)
    .optional(),
})

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') throw httpError(400, '未知操作。')
  const { messageId, returnTo = '/admin/messages' } = submission.value
  const back = (query: string) => redirect(`${returnTo}${returnTo.includes('?') ? '&' : '?'}${query}`)
  try {
    await resendMessage(staff, messageId, publicOrigin())
    return back('resent=1')
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return back(`resendError=${encodeURIComponent(error.message)}`)
  }
}
