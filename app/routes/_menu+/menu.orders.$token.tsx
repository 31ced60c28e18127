import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { rateOrder } from '~/models/lecturers/dispatch.server'
import { ratingSchema } from '~/models/lecturers/schema'
import { acceptProposal, findOrderByToken, withdrawOrder } from '~/models/menu/menu.server'
import { MenuOrderView } from '~/routes/_menu+/__order-view'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { orNotFound } from '~/utils/http-errors'
import { metaT, useLocale } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'
import { maskMobile } from '~/utils/phone'
import { localized } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import type { TFunction } from 'i18next'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('menu.orderPageTitle') },
  { name: 'robots', content: 'noindex' },
]

async function load(token: string | undefined) {
  const order = orNotFound(await findOrderByToken(token ?? ''), localized('menu.errors.notFound'))
  return order
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { phone, manageTokenHash, ...order } = await load(params.token)
  const protection = await publicFormProtection(request)
  return json(
    { order: { ...order, phoneMasked: maskMobile(phone) }, csrfToken: protection.csrfToken },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } },
  )
}

// 评单 (decision 034): once delivered, the site rates the order once from this page.
const orderPageSchema = (t: TFunction) =>
  z.discriminatedUnion('intent', [
    z.object({ intent: z.enum(['accept-proposal', 'withdraw']) }),
    ratingSchema(t).extend({ intent: z.literal('rate') }),
  ])

export async function action({ params, request }: ActionFunctionArgs) {
  await load(params.token)
  return handleForm(request, {
    schema: orderPageSchema,
    access: { public: true },
    submit: async (value, { t, done }) => {
      if (value.intent === 'rate') {
        await rateOrder(params.token ?? '', value)
        return done(t('lecturer.rate.thanks'))
      }
      if (value.intent === 'accept-proposal') await acceptProposal(params.token ?? '', undefined, publicOrigin())
      else await withdrawOrder(params.token ?? '', publicOrigin())
      // Back to the page, which shows the order's new status.
      return redirect(`/menu/orders/${params.token}`, { headers: { 'Referrer-Policy': 'no-referrer' } })
    },
  })
}

export default function MenuOrderPage() {
  const { order, csrfToken } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const { t } = useLocale()
  return (
    <article className="detail narrow">
      <MenuOrderView order={order} />
      <ActionNotices error={reply.error} />
      {order.status === 'PROPOSED' || order.status === 'REQUESTED' || order.status === 'DISPATCHED' ? (
        <Form method="post" className="button-row">
          <input type="hidden" name="csrf" value={csrfToken} />
          {order.status === 'PROPOSED' ? (
            <button type="submit" name="intent" value="accept-proposal" className="primary">
              {t('menu.acceptProposal')}
            </button>
          ) : null}
          <button type="submit" name="intent" value="withdraw" className="danger">
            {t('menu.withdraw')}
          </button>
        </Form>
      ) : null}
      {order.status === 'DELIVERED' && order.rating !== null ? (
        <p>{t('lecturer.rate.yours', { score: order.rating })}</p>
      ) : order.status === 'DELIVERED' ? (
        <section aria-labelledby="rate-heading">
          <h2 id="rate-heading">{t('lecturer.rate.heading')}</h2>
          <p>{t('lecturer.rate.intro')}</p>
          <Form method="post" className="stack-form">
            <input type="hidden" name="csrf" value={csrfToken} />
            <fieldset className="field rating-choices">
              <legend>{t('lecturer.rate.score')}</legend>
              {[1, 2, 3, 4, 5].map((score) => (
                <label key={score} className="check-inline">
                  <input type="radio" name="rating" value={score} required /> {t('lecturer.rate.scoreLabel', { score })}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="rate-comment">{t('lecturer.rate.comment')}</label>
              <textarea id="rate-comment" name="comment" rows={3} maxLength={300} />
            </div>
            <button type="submit" name="intent" value="rate" className="primary">
              {t('lecturer.rate.submit')}
            </button>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to="/menu">{t('menu.backToMenu')}</Link>
      </p>
    </article>
  )
}
