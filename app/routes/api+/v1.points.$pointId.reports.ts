// POST /api/v1/points/:pointId/reports — a digital point's device reports plays (decision 037):
// `Authorization: Bearer <the point's token>`, JSON `{ "reportId": "…", "day": "YYYY-MM-DD", "plays": 12 }`.
// 201 counted; 400 a bad report (JSON message); 401 a wrong token; 409 a reportId already counted; 429 too many.
// Token-authenticated and cookie-less: the cross-site refusal of forms does not apply (server/app.ts), and CORS is
// open so a player page on another origin may post (the token is the authority, not the origin).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { receivePointReport } from '~/models/online/points.server'
import { clientAddress } from '~/utils/form-security.server'

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '86400',
  'Cache-Control': 'no-store',
}

/** A CORS preflight (OPTIONS reaches the loader) is answered; reading the reports is not offered. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors })
  return json(
    { error: 'method_not_allowed', message: '请用 POST 上报。 / Use POST to report.' },
    { status: 405, headers: { ...cors, Allow: 'POST' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== 'POST')
    return json(
      { error: 'method_not_allowed', message: '请用 POST 上报。 / Use POST to report.' },
      { status: 405, headers: { ...cors, Allow: 'POST' } },
    )
  let body: unknown
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'application/json') {
    try {
      body = JSON.parse(await request.text())
    } catch {
      body = undefined
    }
  }
  const answer = await receivePointReport({
    pointId: params.pointId ?? '',
    authorization: request.headers.get('Authorization'),
    body,
    address: clientAddress(request),
  })
  return json(answer.body, {
    status: answer.status,
    headers: {
      ...cors,
      ...(answer.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}),
      ...(answer.retryAfterSeconds ? { 'Retry-After': String(answer.retryAfterSeconds) } : {}),
    },
  })
}
