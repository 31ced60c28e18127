import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useFetcher, useLoaderData } from '@remix-run/react'
import { useRef } from 'react'
import { ClientOnly } from 'remix-utils/client-only'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { listPassportProgrammes, setProgrammeVenues, stampAtDoor, stampVenuesFor } from '~/models/passport/passport.server'
import QrScanner from '~/routes/admin+/__qr-scanner.client'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { requireRole } from '~/utils/permissions.server'
import { Refusal } from '~/utils/refusal'

export const meta: MetaFunction = () => adminMeta('科普护照')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const venues = await stampVenuesFor(staff)
  const programmes = staff.role === 'ORG_STAFF' ? [] : await listPassportProgrammes()
  return json({ venues, programmes })
}

/** Stamping at the door (any staff), or a programme's stamp venues (admins). */
const passportPageSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('stamp'),
    venueId: z.string({ required_error: '请选择盖章点' }),
    code: z.string({ required_error: '请填写护照码' }),
  }),
  z.object({
    intent: z.literal('programme'),
    programme: z.string({ required_error: '请选择护照项目' }),
    venueId: z.array(z.string()).default([]),
  }),
])

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => passportPageSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff, done }) {
      switch (value.intent) {
        case 'programme':
          requireRole(staff, ['PLATFORM_ADMIN', 'DISTRICT_ADMIN'])
          await setProgrammeVenues(staff, value.programme, value.venueId)
          return done('已保存盖章点。')
        case 'stamp': {
          // At the door: the answer stays beside the scanner (the next code follows), not a notice of a new page.
          const { stamped, venueName } = await stampAtDoor(staff, value.venueId, value.code)
          if (!stamped) throw new Refusal(`今天已在${venueName}盖过章，每个场馆每天一次。`, 'code')
          return { message: `已盖章：${venueName}` }
        }
      }
    },
  })
}

export default function AdminPassportPage() {
  const { venues, programmes } = useLoaderData<typeof loader>()
  const stamp = useFetcher<typeof action>()
  const form = useRef<HTMLFormElement>(null)
  const code = useRef<HTMLInputElement>(null)
  return (
    <article className="admin-page narrow">
      <h1>科普护照</h1>
      <section className="admin-section" aria-labelledby="door-heading">
        <h2 id="door-heading">到馆盖章</h2>
        {venues.length === 0 ? (
          <p>你管理的场馆中还没有科普护照盖章点（在场馆设置中勾选“科普护照盖章点”）。</p>
        ) : (
          <>
            {stamp.data ? (
              <p className={stamp.data.error ? 'check-in-result check-in-refused' : 'check-in-result check-in-ok'} role="alert">
                {stamp.data.error ?? stamp.data.message}
              </p>
            ) : null}
            <ClientOnly fallback={null}>
              {() => (
                <QrScanner
                  onCode={(text) => {
                    if (code.current && form.current) {
                      code.current.value = text
                      stamp.submit(form.current)
                    }
                  }}
                />
              )}
            </ClientOnly>
            <stamp.Form method="post" ref={form} className="stack-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="stamp" />
              <div className="field">
                <label htmlFor="stamp-venue">盖章点</label>
                <select id="stamp-venue" name="venueId">
                  {venues.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="stamp-code">护照码</label>
                <input id="stamp-code" ref={code} name="code" required autoCapitalize="characters" className="code-input" />
              </div>
              <button type="submit" className="primary">
                盖章
              </button>
            </stamp.Form>
          </>
        )}
      </section>
      {programmes.map((p) => (
        <section key={p.slug} className="admin-section" aria-labelledby={`p-${p.slug}`}>
          <h2 id={`p-${p.slug}`}>{p.name}：盖章点</h2>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="programme" />
            <input type="hidden" name="programme" value={p.slug} />
            <fieldset className="grade-checks">
              <legend>你管理的盖章点中，属于这个项目的</legend>
              {venues.map((v) => (
                <label key={v.id} className="check-inline">
                  <input type="checkbox" name="venueId" value={v.id} defaultChecked={p.venueIds.includes(v.id)} /> {v.name}
                </label>
              ))}
            </fieldset>
            <button type="submit">保存</button>
          </Form>
        </section>
      ))}
    </article>
  )
}
