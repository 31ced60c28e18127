import { getFormProps, getInputProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'
import { useMemo } from 'react'
import { Field, FormErrors } from '~/components/form-field'
import { findOrderByCode } from '~/models/menu/menu.server'
import { menuTrackSchema } from '~/models/menu/schema'
import { MenuOrderView } from '~/routes/_menu+/__order-view'
import { handleForm } from '~/utils/form.server'
import { metaT, useLocale } from '~/utils/i18n'
import { maskMobile } from '~/utils/phone'
import { Refusal } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('menu.trackTitle') }, { name: 'robots', content: 'noindex' }]

// The page shows an order once found: never cached.
export const loader = () => json(null, { headers: { 'Cache-Control': 'private, no-store' } })

// A lookup, not a change: through the public pipeline for its checks and replies, limited per address so codes
// cannot be guessed; the order found goes back to this page only (no-store).
export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: menuTrackSchema,
    access: { public: true, limits: (address) => [{ key: `menu-track:addr:${address}`, limit: 20, windowSeconds: 3600 }] },
    async submit({ code, last4 }, { t }) {
      const found = await findOrderByCode(code, last4)
      if (!found) throw new Refusal(t('menu.trackNotFound'), undefined, 404)
      const { phone, manageTokenHash: _hash, ...order } = found
      return { data: { order: { ...order, phoneMasked: maskMobile(phone) } }, headers: { 'Cache-Control': 'private, no-store' } }
    },
  })
}

export default function TrackPage() {
  const reply = useFormReply<typeof action>()
  const { t } = useLocale()
  const schema = useMemo(() => menuTrackSchema(t), [t])
  const [form, fields] = useZodForm(schema, { id: 'menu-track', lastResult: reply.result })
  const order = reply.data?.order
  return (
    <article className="detail narrow">
      <p className="meta">
        <Link to="/menu">{t('menu.back')}</Link>
      </p>
      {order ? <MenuOrderView order={order} /> : <h1>{t('menu.trackHeading')}</h1>}
      <Form method="post" {...getFormProps(form)} className="stack-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field-row">
          <Field label={t('menu.orderCode')} meta={fields.code}>
            <input {...getInputProps(fields.code, { type: 'text' })} autoCapitalize="characters" />
          </Field>
          <Field label={t('menu.last4')} meta={fields.last4}>
            <input {...getInputProps(fields.last4, { type: 'text' })} inputMode="numeric" maxLength={4} />
          </Field>
        </div>
        <button type="submit" className="primary">
          {t('menu.lookUp')}
        </button>
      </Form>
    </article>
  )
}
