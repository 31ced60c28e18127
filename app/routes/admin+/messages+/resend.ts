// Resend one message (a new queued copy; audit `message.resend`), then back to the staff page it was asked from.
import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { resendMessage } from '~/models/message/admin.server'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { publicOrigin } from '~/utils/links.server'

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
  return handleForm(request, {
    schema: () => schema,
    access: { staff: requireStaff },
    // Back to the list it was asked from, with the notice (or the refusal) shown there once.
    back: (value) => value.returnTo ?? '/admin/messages',
    async submit({ messageId }, { actor: staff, done }) {
      await resendMessage(staff, messageId, publicOrigin())
      return done('已重新排队发送。')
    },
  })
}
