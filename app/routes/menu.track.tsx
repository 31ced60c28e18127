import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { MenuOrderView } from '~/components/menu-order-view'
import { findOrderByCode } from '~/models/menu.server'
import { clientAddress } from '~/utils/form-security.server'
import { consumeRateLimits } from '~/utils/rate-limit.server'
import { maskMobile } from '~/utils/registration-schema'

export const meta: MetaFunction = () => [{ title: '查看科普菜单订单 · 科普地图' }, { name: 'robots', content: 'noindex' }]

// A lookup, not a change: no CSRF token needed, but limited per address so codes cannot be guessed.
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const code = String(formData.get('code') ?? '')
  const last4 = String(formData.get('last4') ?? '').trim()
  const limit = await consumeRateLimits([{ key: `menu-track:addr:${clientAddress(request)}`, limit: 20, windowSeconds: 3600 }])
  if (!limit.allowed) return json({ order: null, error: `查询太频繁，请 ${Math.ceil(limit.retryAfterSeconds / 60)} 分钟后再试。`, code, last4 }, { status: 429 })
  const found = await findOrderByCode(code, last4)
  if (!found) return json({ order: null, error: '没有找到：请核对订单码和手机号后四位。', code, last4 }, { status: 404 })
  const { phone, manageTokenHash, ...order } = found
  return json({ order: { ...order, phoneMasked: maskMobile(phone) }, error: null, code, last4 }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function TrackPage() {
  const data = useActionData<typeof action>()
  return (
    <article className="detail narrow">
      <p className="meta"><Link to="/menu">← 科普菜单</Link></p>
      {data?.order ? <MenuOrderView order={data.order} /> : <h1>查看订单进度</h1>}
      <Form method="post" className="stack-form">
        {data?.error ? <p className="notice notice-warn" role="alert">{data.error}</p> : null}
        <div className="field-row">
          <div className="field"><label htmlFor="track-code">订单码</label><input id="track-code" name="code" required defaultValue={data?.code} autoCapitalize="characters" /></div>
          <div className="field"><label htmlFor="track-last4">联系人手机号后四位</label><input id="track-last4" name="last4" required inputMode="numeric" pattern="\d{4}" maxLength={4} defaultValue={data?.last4} /></div>
        </div>
        <button type="submit" className="primary">查看</button>
      </Form>
    </article>
  )
}
