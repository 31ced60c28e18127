// Local fakes of Aliyun's and Tencent Cloud's SMS APIs for the provider tests, the delivery reliability tests and
// the bench. Each checks a request as the provider documents it — parameters, headers and the signature, computed
// here independently of the app's code — and answers as told: success, throttling, a bad template or a 5xx.
import { createHash, createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeAnswer = 'ok' | 'throttle' | 'bad-template' | '5xx'

export type FakeSms = {
  url: string
  /** Accepted messages per phone number (digits, without +86). */
  accepted: Map<string, number>
  /** Every request, parsed. */
  requests: Array<Record<string, unknown>>
  /** Requests the fake refused as malformed or badly signed, with the reason. */
  rejected: string[]
  /** Answers for the next requests, in order; after them, `otherwise`. */
  script: FakeAnswer[]
  otherwise: FakeAnswer
  /** Milliseconds to wait before answering. */
  delayMs: number
  close: () => Promise<void>
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => resolve(body))
    request.on('error', reject)
  })
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function fake(
  handle: (state: FakeSms, request: IncomingMessage, body: string) => Promise<{ status: number; json: unknown }>,
): Promise<FakeSms> {
  const server = createServer(async (request, response) => {
    const body = await readBody(request)
    if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs))
    const answer = await handle(state, request, body)
    response.writeHead(answer.status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(answer.json))
  })
  const state: FakeSms = {
    url: '',
    accepted: new Map(),
    requests: [],
    rejected: [],
    script: [],
    otherwise: 'ok',
    delayMs: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  return listen(server).then((url) => {
    state.url = url
    return state
  })
}

const next = (state: FakeSms) => state.script.shift() ?? state.otherwise

// Aliyun: RFC 3986 encoding with `*` as %2A and `~` kept, as its RPC signature documentation says.
const aliyunEncode = (value: string) =>
  encodeURIComponent(value).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A')

export function startFakeAliyun(credentials: { accessKeyId: string; accessKeySecret: string }): Promise<FakeSms> {
  const nonces = new Set<string>()
  return fake(async (state, request, body) => {
    const params = Object.fromEntries(new URLSearchParams(body))
    state.requests.push(params)
    const refuse = (code: string, message: string) => {
      state.rejected.push(`${code}: ${message}`)
      return { status: 400, json: { Code: code, Message: message, RequestId: 'fake' } }
    }
    const required = ['AccessKeyId', 'Action', 'Format', 'PhoneNumbers', 'SignName', 'SignatureMethod', 'SignatureNonce']
    const missing = [...required, 'SignatureVersion', 'TemplateCode', 'TemplateParam', 'Timestamp', 'Version', 'Signature'].filter(
      (name) => !params[name],
    )
    if (request.method !== 'POST') return refuse('InvalidParameter', 'POST expected')
    if (missing.length) return refuse('MissingParameter', missing.join(','))
    if (params.Action !== 'SendSms' || params.Version !== '2017-05-25' || params.Format !== 'JSON')
      return refuse('InvalidParameter', 'Action/Version/Format')
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') return refuse('InvalidParameter', 'SignatureMethod')
    if (params.AccessKeyId !== credentials.accessKeyId) return refuse('InvalidAccessKeyId.NotFound', 'AccessKeyId')
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp) || Math.abs(Date.parse(params.Timestamp) - Date.now()) > 15 * 60_000)
      return refuse('InvalidTimeStamp.Expired', params.Timestamp)
    if (nonces.has(params.SignatureNonce)) return refuse('SignatureNonceUsed', params.SignatureNonce)
    nonces.add(params.SignatureNonce)
    const { Signature: signature, ...signed } = params
    const canonical = Object.keys(signed)
      .sort()
      .map((key) => `${aliyunEncode(key)}=${aliyunEncode(signed[key])}`)
      .join('&')
    const expected = createHmac('sha1', `${credentials.accessKeySecret}&`)
      .update(`POST&${aliyunEncode('/')}&${aliyunEncode(canonical)}`)
      .digest('base64')
    if (signature !== expected) return refuse('SignatureDoesNotMatch', 'signature')
    if (!/^1\d{10}$/.test(params.PhoneNumbers)) return refuse('isv.MOBILE_NUMBER_ILLEGAL', params.PhoneNumbers)
    try {
      JSON.parse(params.TemplateParam)
    } catch {
      return refuse('isv.INVALID_JSON_PARAM', 'TemplateParam')
    }
    const answer = next(state)
    if (answer === '5xx') return { status: 503, json: { Code: 'ServiceUnavailable', Message: 'try later' } }
    if (answer === 'throttle') return { status: 200, json: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控' } }
    if (answer === 'bad-template') return { status: 200, json: { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '模版不合法' } }
    state.accepted.set(params.PhoneNumbers, (state.accepted.get(params.PhoneNumbers) ?? 0) + 1)
    return { status: 200, json: { Code: 'OK', Message: 'OK', BizId: `biz-${state.requests.length}`, RequestId: 'fake' } }
  })
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export function startFakeTencent(credentials: { secretId: string; secretKey: string; sdkAppId: string }): Promise<FakeSms> {
  return fake(async (state, request, body) => {
    const headers = request.headers
    let payload: Record<string, unknown> = {}
    try {
      payload = JSON.parse(body)
    } catch {
      // checked below
    }
    state.requests.push({ headers, payload })
    const refuse = (code: string, message: string) => {
      state.rejected.push(`${code}: ${message}`)
      return { status: 200, json: { Response: { Error: { Code: code, Message: message }, RequestId: 'fake' } } }
    }
    if (headers['x-tc-action'] !== 'SendSms' || headers['x-tc-version'] !== '2021-01-11' || !headers['x-tc-region'])
      return refuse('InvalidParameter', 'X-TC-Action/Version/Region')
    const timestamp = Number(headers['x-tc-timestamp'])
    if (!Number.isInteger(timestamp) || Math.abs(timestamp * 1000 - Date.now()) > 5 * 60_000)
      return refuse('AuthFailure.SignatureExpire', 'X-TC-Timestamp')
    const match =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/sms\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        String(headers.authorization ?? ''),
      )
    if (!match) return refuse('AuthFailure.InvalidAuthorization', 'Authorization')
    const [, secretId, date, signedHeaders, signature] = match
    if (secretId !== credentials.secretId) return refuse('AuthFailure.SecretIdNotFound', 'SecretId')
    if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) return refuse('AuthFailure.SignatureFailure', 'date')
    const names = signedHeaders.split(';')
    if (!names.includes('content-type') || !names.includes('host')) return refuse('AuthFailure.SignatureFailure', 'SignedHeaders')
    const canonicalHeaders = names
      .map(
        (name) =>
          `${name}:${String(headers[name] ?? '')
            .trim()
            .toLowerCase()}\n`,
      )
      .join('')
    const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(body)].join('\n')
    const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${sha256(canonicalRequest)}`
    const key = (k: string | Buffer, text: string) => createHmac('sha256', k).update(text).digest()
    const signing = key(key(key(`TC3${credentials.secretKey}`, date), 'sms'), 'tc3_request')
    if (createHmac('sha256', signing).update(stringToSign).digest('hex') !== signature)
      return refuse('AuthFailure.SignatureFailure', 'signature')
    const phones = payload.PhoneNumberSet
    if (!Array.isArray(phones) || phones.length !== 1 || !/^\+861\d{10}$/.test(String(phones[0])))
      return refuse('InvalidParameterValue.IncorrectPhoneNumber', 'PhoneNumberSet')
    if (payload.SmsSdkAppId !== credentials.sdkAppId) return refuse('InvalidParameterValue.SdkAppIdNotExist', 'SmsSdkAppId')
    if (!payload.SignName || !payload.TemplateId) return refuse('MissingParameter', 'SignName/TemplateId')
    if (!Array.isArray(payload.TemplateParamSet) || payload.TemplateParamSet.some((value) => typeof value !== 'string'))
      return refuse('InvalidParameterValue.TemplateParameterFormatError', 'TemplateParamSet')
    const phone = String(phones[0]).slice(3)
    const answer = next(state)
    if (answer === '5xx') return { status: 502, json: { message: 'bad gateway' } }
    const status = (Code: string, Message: string) => ({
      status: 200,
      json: {
        Response: {
          SendStatusSet: [{ SerialNo: `serial-${state.requests.length}`, PhoneNumber: phones[0], Code, Message }],
          RequestId: 'fake',
        },
      },
    })
    if (answer === 'throttle') return status('LimitExceeded.PhoneNumberDailyLimit', 'daily limit')
    if (answer === 'bad-template') return status('FailedOperation.TemplateIncorrectOrUnapproved', 'template')
    state.accepted.set(phone, (state.accepted.get(phone) ?? 0) + 1)
    return status('Ok', 'send success')
  })
}
