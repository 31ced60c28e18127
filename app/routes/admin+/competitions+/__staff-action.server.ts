// The staff competition pages' posts, until the shared form pipeline lands: guard, CSRF, one discriminated union
// per page, the model, and a refusal's message (Chinese, staff pages) in one reply shape.
import { parseWithZod } from '@conform-to/zod'
import { json } from '@remix-run/node'
import { requireStaff, type Staff } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'
import { Refusal } from '~/utils/refusal'
import type { z } from 'zod'

export type StaffReply = { ok: boolean; message: string; field?: string }

export async function staffAction<Schema extends z.ZodTypeAny>(
  request: Request,
  schema: Schema,
  submit: (value: z.output<Schema>, staff: Staff) => Promise<Response | string>,
) {
  const staff = await requireStaff(request)
  const formData = await request.formData()
  await requireValidCsrf(request, formData)
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') {
    const [field, messages] = Object.entries(submission.error ?? {}).find(([, m]) => m?.length) ?? ['', ['未知操作。']]
    return json<StaffReply>({ ok: false, message: messages?.[0] ?? '未知操作。', field }, { status: 400 })
  }
  try {
    const result = await submit(submission.value, staff)
    return typeof result === 'string' ? json<StaffReply>({ ok: true, message: result }) : result
  } catch (error) {
    if (error instanceof Refusal) return json<StaffReply>({ ok: false, message: error.message, field: error.field }, { status: error.status })
    throw error
  }
}
