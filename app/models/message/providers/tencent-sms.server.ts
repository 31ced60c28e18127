// Tencent Cloud SMS (腾讯云短信, SendSms, API 3.0, version 2021-01-11): a JSON body signed with TC3-HMAC-SHA256 over
// the canonical request, with the credential scope date/sms/tc3_request. The secret key never leaves this module.
import { createHash, createHmac } from 'node:crypto'
import { messageTemplates } from '~/models/message/templates'
import { ProviderError, transientNetworkError, type Delivery, type MessageProvider } from './types'
import type { TemplateCodes } from './template-codes.server'

export type TencentConfig = {
  secretId: string
  secretKey: string
  sdkAppId: string
  signName: string
  region: string
  endpoint: string
  templateCodes: TemplateCodes
  timeoutMs: number
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest()

export const TC3_SIGNED_HEADERS = 'content-type;host;x-tc-action'

/** The Authorization header for a request, as Tencent Cloud's API 3.0 signature (v3) describes. */
export function tc3Authorization(options: {
  secretId: string
  secretKey: string
  host: string
  action: string
  contentType: string
  payload: string
  timestamp: number
  service?: string
}): string {
  const service = options.service ?? 'sms'
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${options.contentType}\nhost:${options.host}\nx-tc-action:${options.action.toLowerCase()}\n`,
    TC3_SIGNED_HEADERS,
    sha256(options.payload),
  ].join('\n')
  const date = new Date(options.timestamp * 1000).toISOString().slice(0, 10)
  const scope = `${date}/${service}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(options.timestamp), scope, sha256(canonicalRequest)].join('\n')
  const signing = hmac(hmac(hmac(`TC3${options.secretKey}`, date), service), 'tc3_request')
  const signature = createHmac('sha256', signing).update(stringToSign).digest('hex')
  return `TC3-HMAC-SHA256 Credential=${options.secretId}/${scope}, SignedHeaders=${TC3_SIGNED_HEADERS}, Signature=${signature}`
}

/** Codes after which the same request may succeed later; other codes (templates, numbers, auth) are permanent. */
const TRANSIENT = [
  /^LimitExceeded/,
  /^RequestLimitExceeded/,
  /^InternalError/,
  /^ResourceUnavailable/,
  /^FailedOperation\.InsufficientBalance/,
]

export class TencentSmsProvider implements MessageProvider {
  readonly name = 'tencent'
  private readonly config: TencentConfig
  constructor(config: TencentConfig) {
    this.config = config
  }

  async send(delivery: Delivery) {
    const { config } = this
    const template = messageTemplates[delivery.template]
    const payload = JSON.stringify({
      PhoneNumberSet: [delivery.to.startsWith('+') ? delivery.to : `+86${delivery.to}`],
      SmsSdkAppId: config.sdkAppId,
      SignName: config.signName,
      TemplateId: config.templateCodes[delivery.template],
      TemplateParamSet: template.params.map((name) => delivery.params[name] ?? ''),
    })
    const contentType = 'application/json; charset=utf-8'
    const timestamp = Math.floor(Date.now() / 1000)
    const host = new URL(config.endpoint).host
    let response: Response
    try {
      response = await fetch(config.endpoint, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-region': config.region,
          'x-tc-timestamp': String(timestamp),
          authorization: tc3Authorization({ ...config, host, action: 'SendSms', contentType, payload, timestamp }),
        },
        body: payload,
        signal: AbortSignal.timeout(config.timeoutMs),
      })
    } catch (error) {
      throw transientNetworkError(this.name, error)
    }
    type Body = {
      Response?: {
        Error?: { Code: string; Message?: string }
        SendStatusSet?: Array<{ Code: string; Message?: string; SerialNo?: string }>
      }
    }
    const body = (await response.json().catch(() => undefined)) as Body | undefined
    const sent = body?.Response?.SendStatusSet?.[0]
    const status: { Code: string; Message?: string } | undefined = body?.Response?.Error ?? sent
    if (response.status >= 500 || !status) throw new ProviderError(`tencent: HTTP ${response.status}`, false)
    if (status.Code === 'Ok') return { providerMessageId: sent?.SerialNo }
    const transient = TRANSIENT.some((pattern) => pattern.test(status.Code))
    throw new ProviderError(`tencent: ${status.Code} ${status.Message ?? ''}`.trim(), !transient, status.Code)
  }
}
