// The page side of the one form pipeline (decision 030): the reply of the post this page made, typed once for every
// route (no casts), for the form it belongs to. `result` goes to `useZodForm`'s `lastResult` (each message next to its
// field, the form's own above it); `error` and `message` are for forms of buttons (shown with `ActionNotices`).
import { useActionData } from '@remix-run/react'
import type { SerializeFrom, TypedResponse } from '@remix-run/node'
import type { FormReply } from '~/utils/form.server'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's action that answers with the pipeline
type FormAction = (...args: any[]) => Promise<TypedResponse<FormReply<any>>>

/**
 * The reply to this page's last post, or, with `form`, only when it answered that form (a page of several forms).
 * `useFormReply<typeof action>()` when the action hands the page `data`.
 */
export function useFormReply<Action extends FormAction = () => Promise<TypedResponse<FormReply>>>(
  form?: string,
): {
  result: SerializeFrom<Action>['result'] | undefined
  error: string | null
  message: string | null
  until: string | null
  data: SerializeFrom<Action>['data'] | null
  reply: SerializeFrom<Action> | undefined
} {
  const reply = useActionData<Action>()
  const mine = reply && (form === undefined || reply.form === form) ? reply : undefined
  return {
    /** conform's reply: `lastResult` for the form. */
    result: mine?.result,
    error: mine?.error ?? null,
    message: mine?.message ?? null,
    until: mine?.until ?? null,
    data: mine?.data ?? null,
    /** The reply whatever form it answered (to pick the form by `reply.form` itself). */
    reply,
  }
}
