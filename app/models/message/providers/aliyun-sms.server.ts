// Aliyun SMS (阿里云短信, Dysmsapi SendSms, API version 2017-05-25), RPC style: the parameters, signed with
// HMAC-SHA1 over the canonicalised query and AccessKeySecret + '&', posted as a form. The secret never leaves
// this module: errors carry the provider's code and message only.
import { createHmac, randomUUID } from 'node:crypto'
import { ProviderError, transientNetworkError, type Delivery, type MessageProvider } from './types'
import type { TemplateCodes } from './template-codes.server'

export type AliyunConfig = {
  accessKeyId: string
  accessKeySecret: string
  signName: string
  endpoint: string
  templateCodes: TemplateCodes
  timeoutMs: number
}

/** RFC 3986 percent-encoding as Aliyun's signature wants it (space %20, `*` %2A, `~` kept). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export function aliyunSignature(params: Record<string, string>, secret: string, method = 'POST'): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key])}`)
    .join('&')
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64')
}

/** Codes after which the same request may succeed later; every other non-OK code is permanent. */
const TRANSIENT = [/^isv\.BUSINESS_LIMIT_CONTROL$/, /^isv\.DAY_LIMIT_CONTROL$/, /^Throttling/, /^ServiceUnavailable/, /^InternalError/]

export class AliyunSmsProvider implements MessageProvider {
  readonly name = 'aliyun'
  private readonly config: AliyunConfig
  constructor(config: AliyunConfig) {
    this.config = config
  }

  async send(delivery: Delivery) {
    const { config } = this
    const params: Record<string, string> = {
      AccessKeyId: config.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: delivery.to,
      RegionId: 'cn-hangzhou',
      SignName: config.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: config.templateCodes[delivery.template],
      TemplateParam: JSON.stringify(delivery.params),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    }
    params.Signature = aliyunSignature(params, config.accessKeySecret)
    let response: Response
    try {
      response = await fetch(config.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(config.timeoutMs),
      })
    } catch (error) {
      throw transientNetworkError(this.name, error)
    }
    const body = (await response.json().catch(() => undefined)) as { Code?: string; Message?: string; BizId?: string } | undefined
    if (response.status >= 500 || !body?.Code)
      throw new ProviderError(`aliyun: HTTP ${response.status}${body?.Code ? ` ${body.Code}` : ''}`, false, body?.Code)
    if (body.Code === 'OK') return { providerMessageId: body.BizId }
    const transient = TRANSIENT.some((pattern) => pattern.test(body.Code!))
    throw new ProviderError(`aliyun: ${body.Code} ${body.Message ?? ''}`.trim(), !transient, body.Code)
  }
}
