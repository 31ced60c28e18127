import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ActionNotices } from '~/components/action-notices'
import { DataTable } from '~/components/data-table'
import { SendCodeButton } from '~/components/sms-code'
import { accountSchema } from '~/models/passport/account-schema'
import { endResidentSession, requireResident } from '~/models/passport/account.server'
import { accountRegistrations, claimRegistration, deleteResident, sendClaimCode } from '~/models/passport/passport.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { formatDate } from '~/utils/format'
import { metaT, useLocale } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { publicOrigin } from '~/utils/links.server'
import { maskMobile } from '~/utils/phone'
import { redirectWithToast } from '~/utils/toast.server'
import { useFormReply } from '~/utils/use-form-reply'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('account.title') }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const [registrations, protection] = await Promise.all([accountRegistrations(resident), publicFormProtection(request)])
  return json(
    { phone: maskMobile(resident.phone), registrations, csrfToken: protection.csrfToken },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const resident = await requireResident(request)
  const language = await getLanguage(request)
  return handleForm(request, {
    schema: accountSchema,
    access: { public: true },
    submit: async (value, { t, address, done }) => {
      if (value.intent === 'delete') {
        await deleteResident(resident, undefined, publicOrigin())
        return redirectWithToast(request, '/', t('home.accountDeleted'), {
          headers: { 'Set-Cookie': await endResidentSession(request) },
        })
      }
      if (value.intent === 'claim-code') {
        // The SMS code proves the account holder holds the account's number (decision 012).
        const sent = await sendClaimCode(resident, { address, language })
        return {
          message: t('phoneCode.sent', { phone: maskMobile(resident.phone), time: sent.nextSendText }),
          until: sent.nextSendAt.toISOString(),
        }
      }
      const { title } = await claimRegistration(resident, value, address)
      return done(t('account.claimed', { title }))
    },
  })
}

export default function AccountPage() {
  const { phone, registrations, csrfToken } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const { t, language } = useLocale()
  const deleteWord = t('account.deleteWord')
  // The registration code typed before asking for the SMS code comes back with the page.
  const typed = reply.result?.initialValue
  const typedCode = typeof typed?.code === 'string' ? typed.code : undefined
  return (
    <article className="detail">
      <h1>{t('account.heading')}</h1>
      <p>
        {t('account.phone', { phone })} · <Link to="/passport">{t('account.passportLink')}</Link>
      </p>
      <ActionNotices message={reply.message} error={reply.error} />
      <h2>{t('account.claimHeading')}</h2>
      <p className="hint">{t('account.claimHint')}</p>
      <Form method="post" className="stack-form">
        <button type="submit" name="intent" value="claim" hidden tabIndex={-1} aria-hidden="true" />
        <input type="hidden" name="csrf" value={csrfToken} />
        <div className="field">
          <label htmlFor="claim-code">{t('account.code')}</label>
          <input id="claim-code" name="code" autoCapitalize="characters" defaultValue={typedCode} key={typedCode} />
        </div>
        <div className="send-code">
          <SendCodeButton until={reply.until} intent="claim-code" />
        </div>
        <div className="field">
          <label htmlFor="claim-sms-code">{t('phoneCode.label')}</label>
          <input
            id="claim-sms-code"
            name="smsCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            aria-describedby="claim-sms-hint"
          />
          <p id="claim-sms-hint" className="hint">
            {t('phoneCode.hint')}
          </p>
        </div>
        <button type="submit" name="intent" value="claim">
          {t('account.claim')}
        </button>
      </Form>
      <h2>{t('account.storedHeading')}</h2>
      <p>{t('account.storedText')}</p>
      <DataTable
        caption={<>{t('account.tableCaption', { count: registrations.length })}</>}
        headings={(['event', 'date', 'name', 'party', 'status'] as const).map((c) => t(`account.columns.${c}`))}
      >
        {registrations.map((r, index) => (
          <tr key={index}>
            <td>{r.session.event.title}</td>
            <td>{formatDate(r.session.startsAt, language)}</td>
            <td>{r.name}</td>
            <td>{r.partySize}</td>
            <td>{t(`registrationStatus.${r.status}`)}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{t('account.deleteHeading')}</h2>
      <p>{t('account.deleteText')}</p>
      <Form method="post" className="stack-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <input type="hidden" name="intent" value="delete" />
        <div className="field">
          <label htmlFor="confirm-delete">{t('account.deleteConfirmLabel', { word: deleteWord })}</label>
          <input id="confirm-delete" name="confirm" autoComplete="off" />
        </div>
        <button type="submit" className="danger">
          {t('account.deleteButton')}
        </button>
      </Form>
      <Form method="post" action="/account/logout">
        <input type="hidden" name="csrf" value={csrfToken} />
        <button type="submit" className="link-button">
          {t('account.logout')}
        </button>
      </Form>
    </article>
  )
}
