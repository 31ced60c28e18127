// The one-time link district staff give a lecturer (decision 034, as the staff set-password link): signed in with
// a resident account (科普护照), the lecturer joins it to their page; the link then stops working. Public by design:
// the link is the credential, never cached, no referrer.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { findLecturerLink, redeemLecturerLink } from '~/models/lecturers/roster.server'
import { getResident, requireResident } from '~/models/passport/account.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { metaT, useLocale } from '~/utils/i18n'
import { useFormReply } from '~/utils/use-form-reply'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('lecturer.link.heading') },
  { name: 'robots', content: 'noindex' },
]

const privateHeaders = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [link, resident, protection] = await Promise.all([
    findLecturerLink(params.token ?? ''),
    getResident(request),
    publicFormProtection(request),
  ])
  return json(
    { name: link?.lecturer.name ?? null, signedIn: resident !== null, csrfToken: protection.csrfToken },
    { headers: { ...protection.headers, ...privateHeaders } },
  )
}

const linkSchema = () => z.discriminatedUnion('intent', [z.object({ intent: z.literal('link') })])

export async function action({ request, params }: ActionFunctionArgs) {
  const resident = await requireResident(request)
  return handleForm(request, {
    schema: linkSchema,
    access: { public: true },
    submit: async () => {
      await redeemLecturerLink(params.token ?? '', resident.id)
      return redirect('/lecturer', { headers: privateHeaders })
    },
  })
}

export default function LecturerLinkPage() {
  const { name, signedIn, csrfToken } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const location = useLocation()
  const { t } = useLocale()
  const back = new URLSearchParams({ redirectTo: location.pathname })
  return (
    <article className="detail narrow">
      <h1>{t('lecturer.link.heading')}</h1>
      <ActionNotices error={reply.error} />
      {!name ? (
        <p>{t('lecturer.link.invalid')}</p>
      ) : (
        <>
          <p>{t('lecturer.link.intro', { name })}</p>
          {signedIn ? (
            <Form method="post">
              <input type="hidden" name="csrf" value={csrfToken} />
              <button type="submit" name="intent" value="link" className="primary">
                {t('lecturer.link.confirm')}
              </button>
            </Form>
          ) : (
            <>
              <p>{t('lecturer.link.signInFirst')}</p>
              <p className="button-row">
                <Link className="button primary" to={`/account/login?${back}`}>
                  {t('lecturer.link.signIn')}
                </Link>
                <Link className="button" to={`/account/signup?${back}`}>
                  {t('lecturer.link.signUp')}
                </Link>
              </p>
            </>
          )}
        </>
      )}
    </article>
  )
}
