import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { acceptProposal, findOrderByToken, withdrawOrder } from '~/models/menu/menu.server'
import { MenuOrderView } from '~/routes/_menu+/__order-view'
import { publicFormProtection } from '~/utils/form-security.server'
import { orNotFound } from '~/utils/http-errors'
import { metaT, useLocale } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'
import { maskMobile } from '~/utils/phone'
import { handlePublicIntent } from '~/utils/public-form.server'
import { localized } from '~/utils/refusal'

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

const orderPageSchema = z.discriminatedUnion('intent', [z.object({ intent: z.enum(['accept-proposal', 'withdraw']) })])

export async function action({ params, request }: ActionFunctionArgs) {
  await load(params.token)
  return handlePublicIntent(request, {
    schema: () => orderPageSchema,
    submit: async ({ intent }) => {
      if (intent === 'accept-proposal') await acceptProposal(params.token ?? '', undefined, publicOrigin())
      else await withdrawOrder(params.token ?? '', publicOrigin())
    },
  })
}

export default function MenuOrderPage() {
  const { order, csrfToken } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useLocale()
  return (
    <article className="detail narrow">
      {searchParams.get('new') === '1' ? (
        <p className="notice" role="status">
          {t('menu.submitted')}
        </p>
      ) : null}
      <MenuOrderView order={order} />
      {actionData?.error ? (
        <p className="notice notice-warn" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {order.status === 'PROPOSED' || order.status === 'REQUESTED' ? (
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
      <p>
        <Link to="/menu">{t('menu.backToMenu')}</Link>
      </p>
    </article>
  )
}
