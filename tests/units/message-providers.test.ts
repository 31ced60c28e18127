// The real message providers against local fakes that check each request as the provider documents it
// (tests/helpers/fake-sms.ts; smtp-server as the SMTP peer): success, throttling, a bad template, a 5xx.
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProviders } from '~/models/message/providers'
import { AliyunSmsProvider } from '~/models/message/providers/aliyun-sms.server'
import { SmtpProvider } from '~/models/message/providers/smtp.server'
import { readTemplateCodes } from '~/models/message/providers/template-codes.server'
import { TencentSmsProvider } from '~/models/message/providers/tencent-sms.server'
import { ProviderError, type Delivery } from '~/models/message/providers/types'
import { messageTemplates, renderMessage } from '~/models/message/templates'
import { parseEnv } from '~/utils/infra/env.server'
import { startFakeAliyun, startFakeTencent, type FakeSms } from '../helpers/fake-sms'

const codes = Object.fromEntries(Object.keys(messageTemplates).map((key, i) => [key, `SMS_10000${i}`]))
const params = { title: '天文夜 & 星空', time: '6月1日 19:00', place: '科技馆', code: 'AB12', link: 'https://kepu.example/r/x*y~z' }

function delivery(language: 'zh-CN' | 'en' = 'zh-CN', channel: 'SMS' | 'EMAIL' = 'SMS', to = '13800138000'): Delivery {
  return { channel, to, template: 'registration.confirmed', params, language, ...renderMessage('registration.confirmed', language, params) }
}

async function refusal(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ProviderError)
  return error as ProviderError
}

describe('Aliyun SMS (Dysmsapi SendSms)', () => {
  let fake: FakeSms
  let provider: AliyunSmsProvider
  beforeAll(async () => {
    fake = await startFakeAliyun({ accessKeyId: 'LTAI-test', accessKeySecret: 'secret/with+chars' })
    provider = new AliyunSmsProvider({
      accessKeyId: 'LTAI-test',
      accessKeySecret: 'secret/with+chars',
      signName: '科普地图',
      endpoint: fake.url,
      templateCodes: codes,
      timeoutMs: 5000,
    })
  })
  afterAll(() => fake.close())

  it('sends a signed request the fake accepts, with the template code and its parameters', async () => {
    const result = await provider.send(delivery())
    expect(fake.rejected).toEqual([])
    expect(result.providerMessageId).toMatch(/^biz-/)
    const request = fake.requests.at(-1)!
    expect(request).toMatchObject({ PhoneNumbers: '13800138000', SignName: '科普地图', TemplateCode: codes['registration.confirmed'] })
    expect(JSON.parse(String(request.TemplateParam))).toEqual(params)
  })

  it('a wrong secret is refused by the fake, as Aliyun would (SignatureDoesNotMatch, permanent)', async () => {
    const wrong = new AliyunSmsProvider({ ...provider['config'], accessKeySecret: 'other' })
    const error = await refusal(wrong.send(delivery()))
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', permanent: true })
    expect(error.message).not.toContain('other')
    fake.rejected.length = 0
  })

  it('throttling and a 5xx are transient, a bad template permanent', async () => {
    fake.script.push('throttle', '5xx', 'bad-template')
    expect(await refusal(provider.send(delivery()))).toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL', permanent: false })
    expect(await refusal(provider.send(delivery()))).toMatchObject({ permanent: false })
    expect(await refusal(provider.send(delivery()))).toMatchObject({ code: 'isv.SMS_TEMPLATE_ILLEGAL', permanent: true })
    expect(fake.rejected).toEqual([])
  })

  it('a server that does not answer is a transient network failure', async () => {
    const gone = new AliyunSmsProvider({ ...provider['config'], endpoint: 'http://127.0.0.1:1' })
    expect(await refusal(gone.send(delivery()))).toMatchObject({ permanent: false, code: 'NETWORK' })
  })
})

describe('Tencent Cloud SMS (SendSms, API 3.0)', () => {
  let fake: FakeSms
  let provider: TencentSmsProvider
  beforeAll(async () => {
    fake = await startFakeTencent({ secretId: 'AKID-test', secretKey: 'tencent-secret', sdkAppId: '1400000000' })
    provider = new TencentSmsProvider({
      secretId: 'AKID-test',
      secretKey: 'tencent-secret',
      sdkAppId: '1400000000',
      signName: '科普地图',
      region: 'ap-guangzhou',
      endpoint: fake.url,
      templateCodes: codes,
      timeoutMs: 5000,
    })
  })
  afterAll(() => fake.close())

  it('sends a TC3-signed request with +86 numbers and the parameters in the template order', async () => {
    const result = await provider.send(delivery('en'))
    expect(fake.rejected).toEqual([])
    expect(result.providerMessageId).toMatch(/^serial-/)
    const { payload } = fake.requests.at(-1) as { payload: Record<string, unknown> }
    expect(payload).toEqual({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400000000',
      SignName: '科普地图',
      TemplateId: codes['registration.confirmed'],
      TemplateParamSet: messageTemplates['registration.confirmed'].params.map((name) => params[name]),
    })
  })

  it('a wrong key is refused by the fake (AuthFailure.SignatureFailure, permanent)', async () => {
    const wrong = new TencentSmsProvider({ ...provider['config'], secretKey: 'nope' })
    expect(await refusal(wrong.send(delivery()))).toMatchObject({ code: 'AuthFailure.SignatureFailure', permanent: true })
    fake.rejected.length = 0
  })

  it('throttling and a 5xx are transient, a bad template permanent', async () => {
    fake.script.push('throttle', '5xx', 'bad-template')
    expect(await refusal(provider.send(delivery()))).toMatchObject({ code: 'LimitExceeded.PhoneNumberDailyLimit', permanent: false })
    expect(await refusal(provider.send(delivery()))).toMatchObject({ permanent: false })
    expect(await refusal(provider.send(delivery()))).toMatchObject({
      code: 'FailedOperation.TemplateIncorrectOrUnapproved',
      permanent: true,
    })
    expect(fake.rejected).toEqual([])
  })
})

/** Enough MIME decoding for these mails: Q/B encoded-words in headers (folded), a quoted-printable or base64 body. */
function decoded(raw: string): string {
  const [head, ...rest] = raw.split('\r\n\r\n')
  const headers = head
    .replace(/\?=\r\n\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1'), 'latin1').toString('utf8'),
    )
    .replace(/(?:%[0-9A-F]{2})+/gi, (bytes) => decodeURIComponent(bytes))
  let body = rest.join('\r\n\r\n')
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head))
    body = decodeURIComponent(
      body
        .replace(/=\r\n/g, '')
        .replace(/%/g, '%25')
        .replace(/=([0-9A-F]{2})/gi, '%$1'),
    )
  else if (/Content-Transfer-Encoding: base64/i.test(head)) body = Buffer.from(body, 'base64').toString('utf8')
  return `${headers}\n\n${body}`
}

describe('SMTP e-mail (nodemailer)', () => {
  let server: SMTPServer
  let port: number
  const received: Array<{ to: string[]; data: string }> = []
  let nextReply: number | undefined
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (nextReply) {
          const error = Object.assign(new Error(nextReply >= 500 ? 'No such user' : 'Try again later'), { responseCode: nextReply })
          nextReply = undefined
          return callback(error)
        }
        callback()
      },
      onData(stream, session, callback) {
        let data = ''
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')))
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.server.address() as { port: number }).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const smtp = () => new SmtpProvider({ url: `smtp://127.0.0.1:${port}`, from: '科普地图 <noreply@kepu.example>', timeoutMs: 5000 })

  it('sends the subject and text in the recipient language', async () => {
    const result = await smtp().send(delivery('en', 'EMAIL', 'li@example.cn'))
    expect(result.providerMessageId).toBeTruthy()
    const mail = received.at(-1)!
    expect(mail.to).toEqual(['li@example.cn'])
    expect(decoded(mail.data)).toContain('Subject: Registered: 天文夜 & 星空')
    expect(decoded(mail.data)).toContain('[Kepu] Registered: "天文夜 & 星空", 6月1日 19:00')
    await smtp().send(delivery('zh-CN', 'EMAIL', 'li@example.cn'))
    expect(decoded(received.at(-1)!.data)).toContain('Subject: 报名成功：天文夜 & 星空')
    expect(decoded(received.at(-1)!.data)).toContain('【科普地图】已报名「天文夜 & 星空」')
  })

  it('a 4xx reply is transient, a 5xx reply permanent', async () => {
    nextReply = 451
    expect(await refusal(smtp().send(delivery('en', 'EMAIL', 'li@example.cn')))).toMatchObject({ permanent: false, code: '451' })
    nextReply = 550
    expect(await refusal(smtp().send(delivery('en', 'EMAIL', 'li@example.cn')))).toMatchObject({ permanent: true, code: '550' })
  })
})

describe('provider configuration', () => {
  const base = { SMS_PROVIDER: 'aliyun', ALIYUN_ACCESS_KEY_ID: 'id', ALIYUN_ACCESS_KEY_SECRET: 'secret', ALIYUN_SMS_SIGN_NAME: '科普' }
  const configured = (extra: Record<string, string>) => {
    const parsed = parseEnv({ ...base, ...extra })
    if (!parsed.ok) throw new Error(parsed.errors.join('; '))
    return parsed.env
  }

  it('is log for both channels by default', () => {
    const parsed = parseEnv({})
    expect(parsed.ok && createProviders(parsed.env).SMS.name).toBe('log')
    expect(parsed.ok && createProviders(parsed.env).EMAIL.name).toBe('log')
  })

  it('a template without a code stops the start, naming it', () => {
    const { 'registration.confirmed': _left, ...rest } = codes
    expect(() => createProviders(configured({ SMS_TEMPLATE_CODES: JSON.stringify(rest) }))).toThrow(
      /no template code for .*registration\.confirmed/,
    )
    expect(() => readTemplateCodes(undefined)).toThrow(/SMS_TEMPLATE_CODES/)
    expect(createProviders(configured({ SMS_TEMPLATE_CODES: JSON.stringify(codes) })).SMS.name).toBe('aliyun')
  })

  it('a missing credential is named, its value never shown', () => {
    const parsed = parseEnv({ SMS_PROVIDER: 'tencent', TENCENT_SECRET_KEY: 'very-secret' })
    expect(parsed.ok).toBe(true)
    const error = (() => {
      try {
        createProviders(parsed.ok ? parsed.env : ({} as never))
      } catch (e) {
        return (e as Error).message
      }
    })()
    expect(error).toMatch(/TENCENT_SECRET_ID/)
    expect(error).not.toContain('very-secret')
  })
})
