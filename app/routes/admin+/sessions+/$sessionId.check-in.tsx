import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useFetcher, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { ClientOnly } from 'remix-utils/client-only'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { checkIn, checkInWindow, requireSessionForStaff, sessionFigures } from '~/models/registration/admin.server'
import { scanVolunteerCode, volunteerCreditText } from '~/models/volunteers/hours.server'
import QrScanner from '~/routes/admin+/__qr-scanner.client'
import { CheckInWindowNote } from '~/routes/admin+/sessions+/__check-in-window'
import { Figures } from '~/routes/admin+/sessions+/__session-figures'
import { adminMeta } from '~/utils/admin-meta'
import { handleForm } from '~/utils/form.server'
import { formatSessionTime } from '~/utils/format'
import { publicOrigin } from '~/utils/links.server'
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
      // `at` tells two scans of the same code apart, so the page announces each.
      const at = Date.now()
      // A volunteer's own code (decision 033): the first scan checks in, the next checks out and credits the time.
      const volunteer = await scanVolunteerCode(staff, { sessionId: session.id }, code, { origin: publicOrigin() })
      if (volunteer) {
        if (!volunteer.ok) throw new Refusal(volunteer.message, 'code')
        const text =
          volunteer.kind === 'in'
            ? `志愿者签到成功：${volunteer.name}（${volunteer.role}）`
            : `志愿者签退成功：${volunteer.name}（${volunteer.role}），${volunteerCreditText(volunteer)}`
        return { data: { text, at } }
      }
      const outcome = await checkIn(staff, session.id, code)
      // A code the rules turn away is a refusal like any other: 409, its message next to the code.
      if (!outcome.ok) throw new Refusal(outcome.message, 'code')
      const text = `签到成功：${outcome.name}，${outcome.partySize} 人${outcome.stamped ? '（已盖科普护照章）' : ''}`
      return { data: { text, at } }
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

  // Cleared as soon as the answer arrives, not after the figures have been read again: a code typed in between is
  // the next person's, and must not be wiped.
  useEffect(() => {
    if (fetcher.data?.data && codeInput.current) {
      codeInput.current.value = ''
      codeInput.current.focus()
    }
  }, [fetcher.data])

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
          {checkedIn ? checkedIn.text : refused}
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
              <label htmlFor="code">报名码或志愿者码</label>
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
                报名确认页二维码下方的 8 位码；志愿者出示“我的志愿服务”页的志愿者码（第一次扫码签到，第二次签退）
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
