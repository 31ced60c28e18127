import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { findOrderByCode } from '~/models/menu/menu.server'
import { MenuOrderView } from '~/routes/_menu+/__order-view'
import { clientAddress } from '~/utils/form-security.server'
import { metaT, useLocale } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { consumeRateLimits } from '~/utils/infra/rate-limit.server'
import { maskMobile } from '~/utils/phone'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('menu.trackTitle') }, { name: 'robots', content: 'noindex' }]

// The page shows an order once found: never cached.
export const loader = () => json(null, { headers: { 'Cache-Control': 'private, no-store' } })

// A lookup, not a change: no CSRF token needed, but limited per address so codes cannot be guessed.
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const t = await getT(request)
  const code = String(formData.get('code') ?? '')
  const last4 = String(formData.get('last4') ?? '').trim()
  const limit = await consumeRateLimits([{ key: `menu-track:addr:${clientAddress(request)}`, limit: 20, windowSeconds: 3600 }])
  if (!limit.allowed)
    return json(
      { order: null, error: t('menu.trackTooMany', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }), code, last4 },
      { status: 429 },
    )
  const found = await findOrderByCode(code, last4)
  if (!found) return json({ order: null, error: t('menu.trackNotFound'), code, last4 }, { status: 404 })
  const { phone, manageTokenHash, ...order } = found
  return json(
    { order: { ...order, phoneMasked: maskMobile(phone) }, error: null, code, last4 },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export default function TrackPage() {
  const data = useActionData<typeof action>()
  const { t } = useLocale()
  return (
    <article className="detail narrow">
      <p className="meta">
        <Link to="/menu">{t('menu.back')}</Link>
      </p>
      {data?.order ? <MenuOrderView order={data.order} /> : <h1>{t('menu.trackHeading')}</h1>}
      <Form method="post" className="stack-form">
        {data?.error ? (
          <p className="notice notice-warn" role="alert">
            {data.error}
          </p>
        ) : null}
        <div className="field-row">
          <div className="field">
            <label htmlFor="track-code">{t('menu.orderCode')}</label>
            <input id="track-code" name="code" required defaultValue={data?.code} autoCapitalize="characters" />
          </div>
          <div className="field">
            <label htmlFor="track-last4">{t('menu.last4')}</label>
            <input id="track-last4" name="last4" required inputMode="numeric" pattern="\d{4}" maxLength={4} defaultValue={data?.last4} />
          </div>
        </div>
        <button type="submit" className="primary">
          {t('menu.lookUp')}
        </button>
      </Form>
    </article>
  )
}
