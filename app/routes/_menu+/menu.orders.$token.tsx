import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { MenuOrderView } from '~/routes/_menu+/__order-view'
import { acceptProposal, findOrderByToken, withdrawOrder } from '~/models/menu.server'
import { checkPublicForm, publicFormProtection } from '~/utils/form-security.server'
import { maskMobile } from '~/utils/registration-schema'
import { metaT, useLocale } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { Refusal, localized } from '~/utils/refusal'
import { notFound } from '~/utils/http-errors'

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)('menu.orderPageTitle') }, { name: 'robots', content: 'noindex' }]

async function load(token: string | undefined) {
  const order = await findOrderByToken(token ?? '')
  if (!order) throw notFound(localized('menu.errors.notFound'))
  return order
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { phone, manageTokenHash, ...order } = await load(params.token)
  const protection = await publicFormProtection(request)
  return json({ order: { ...order, phoneMasked: maskMobile(phone) }, csrfToken: protection.csrfToken }, { headers: { ...protection.headers, 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } })
}

export async function action({ params, request }: ActionFunctionArgs) {
  await load(params.token)
  const formData = await request.formData()
  const formProblem = await checkPublicForm(request, formData)
  if (formProblem) return json({ error: formProblem }, { status: 403 })
  try {
    if (formData.get('intent') === 'accept-proposal') await acceptProposal(params.token ?? '')
    else await withdrawOrder(params.token ?? '')
    return json({ error: null })
  } catch (error) {
    if (error instanceof Refusal) return json({ error: error.translate(await getT(request)) }, { status: 409 })
    throw error
  }
}

export default function MenuOrderPage() {
  const { order, csrfToken } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useLocale()
  return (
    <article className="detail narrow">
      {searchParams.get('new') === '1' ? <p className="notice" role="status">{t('menu.submitted')}</p> : null}
      <MenuOrderView order={order} />
      {actionData?.error ? <p className="notice notice-warn" role="alert">{actionData.error}</p> : null}
      {order.status === 'PROPOSED' || order.status === 'REQUESTED' ? (
        <Form method="post" className="button-row">
          <input type="hidden" name="csrf" value={csrfToken} />
          {order.status === 'PROPOSED' ? <button type="submit" name="intent" value="accept-proposal" className="primary">{t('menu.acceptProposal')}</button> : null}
          <button type="submit" name="intent" value="withdraw" className="danger">{t('menu.withdraw')}</button>
        </Form>
      ) : null}
      <p><Link to="/menu">{t('menu.backToMenu')}</Link></p>
    </article>
  )
}
