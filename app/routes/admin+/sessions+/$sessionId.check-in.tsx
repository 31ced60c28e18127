import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useFetcher, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { ClientOnly } from 'remix-utils/client-only'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { checkIn, checkInWindow, requireSessionForStaff, sessionFigures } from '~/models/registration/admin.server'
import QrScanner from '~/routes/admin+/__qr-scanner.client'
import { CheckInWindowNote } from '~/routes/admin+/sessions+/__check-in-window'
import { Figures } from '~/routes/admin+/sessions+/__session-figures'
import { adminMeta } from '~/utils/admin-meta'
import { handleForm } from '~/utils/form.server'
import { formatSessionTime } from '~/utils/format'
import { Refusal } from '~/utils/refusal'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`签到：${data?.session.event.title ?? ''}`)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireSessionForStaff(request, params.sessionId)
  return json(
    { session, figures: await sessionFigures(session.id), window: checkInWindow(session) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

const checkInSchema = z.object({ code: z.string({ required_error: '请输入报名码。' }) })

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => checkInSchema,
    access: { staff: (request) => requireSessionForStaff(request, params.sessionId) },
    async submit({ code }, { actor: { staff, session } }) {
      const outcome = await checkIn(staff, session.id, code)
      // A code the rules turn away is a refusal like any other: 409, its message next to the code.
      if (!outcome.ok) throw new Refusal(outcome.message, 'code')
      // `at` tells two scans of the same code apart, so the page announces each.
      return { data: { ...outcome, at: Date.now() } }
    },
  })
}

/** Several staff may check people in at once on their own phones; each page refreshes its figures. */
const REFRESH_MS = 5000

export default function CheckInPage() {
  const { session, figures, window } = useLoaderData<typeof loader>()
  const fetcher = useFetcher<typeof action>()
  const revalidator = useRevalidator()
  const form = useRef<HTMLFormElement>(null)
  const codeInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && revalidator.state === 'idle') revalidator.revalidate()
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [revalidator])

  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.data && codeInput.current) {
      codeInput.current.value = ''
      codeInput.current.focus()
    }
  }, [fetcher.state, fetcher.data])

  const submitCode = (code: string) => {
    if (!form.current || !codeInput.current) return
    codeInput.current.value = code
    fetcher.submit(form.current)
  }

  const checkedIn = fetcher.data?.data
  const refused = fetcher.data?.error
  return (
    <article className="admin-page narrow check-in">
      <p className="meta">
        <Link to={`/admin/sessions/${session.id}`}>← 报名名单</Link>
      </p>
      <h1>签到</h1>
      <p className="lead">
        {session.event.title} · {formatSessionTime(session.startsAt, session.endsAt)}
      </p>
      <Figures figures={figures} />
      <CheckInWindowNote window={window} />
      {checkedIn || refused ? (
        <p
          key={checkedIn?.at ?? refused}
          className={checkedIn ? 'check-in-result check-in-ok' : 'check-in-result check-in-refused'}
          role="alert"
        >
          {checkedIn ? `签到成功：${checkedIn.name}，${checkedIn.partySize} 人${checkedIn.stamped ? '（已盖科普护照章）' : ''}` : refused}
        </p>
      ) : null}
      {window.state === 'open' ? (
        <>
          <ClientOnly fallback={<p className="hint">扫码需要 JavaScript；可以直接输入报名码。</p>}>
            {() => <QrScanner onCode={submitCode} />}
          </ClientOnly>
          <fetcher.Form method="post" ref={form} className="stack-form">
            <CsrfInput />
            <div className="field">
              <label htmlFor="code">报名码</label>
              <input
                ref={codeInput}
                id="code"
                name="code"
                type="text"
                autoComplete="off"
                autoCapitalize="characters"
                inputMode="text"
                required
                aria-describedby="code-hint"
                className="code-input"
              />
              <p id="code-hint" className="hint">
                报名确认页二维码下方的 8 位码
              </p>
            </div>
            <button type="submit" className="primary" disabled={fetcher.state !== 'idle'}>
              签到
            </button>
          </fetcher.Form>
        </>
      ) : null}
    </article>
  )
}
