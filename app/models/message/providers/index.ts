// Chooses the SMS and e-mail providers from the configuration (decision 011). `log` is the default for both; a real
// provider missing a setting or a template code is a startup error naming it.
import { AliyunSmsProvider } from './aliyun-sms.server'
import { LogProvider } from './log.server'
import { SmtpProvider } from './smtp.server'
import { readTemplateCodes, requireSettings } from './template-codes.server'
import { TencentSmsProvider } from './tencent-sms.server'
import type { Channel, MessageProvider } from './types'
import type { Env } from '~/utils/infra/env.server'

export type Providers = Record<Channel, MessageProvider>

export type ProviderConfig = Pick<
  Env,
  | 'MESSAGE_LOG'
  | 'SMS_PROVIDER'
  | 'EMAIL_PROVIDER'
  | 'MESSAGE_SEND_TIMEOUT_MS'
  | 'SMS_TEMPLATE_CODES'
  | 'ALIYUN_ACCESS_KEY_ID'
  | 'ALIYUN_ACCESS_KEY_SECRET'
  | 'ALIYUN_SMS_SIGN_NAME'
  | 'ALIYUN_SMS_ENDPOINT'
  | 'TENCENT_SECRET_ID'
  | 'TENCENT_SECRET_KEY'
  | 'TENCENT_SMS_SDK_APP_ID'
  | 'TENCENT_SMS_SIGN_NAME'
  | 'TENCENT_SMS_REGION'
  | 'TENCENT_SMS_ENDPOINT'
  | 'SMTP_URL'
  | 'MAIL_FROM'
>

function smsProvider(config: ProviderConfig, log: LogProvider): MessageProvider {
  const timeoutMs = config.MESSAGE_SEND_TIMEOUT_MS
  if (config.SMS_PROVIDER === 'aliyun') {
    const s = requireSettings('SMS_PROVIDER=aliyun', {
      ALIYUN_ACCESS_KEY_ID: config.ALIYUN_ACCESS_KEY_ID,
      ALIYUN_ACCESS_KEY_SECRET: config.ALIYUN_ACCESS_KEY_SECRET,
      ALIYUN_SMS_SIGN_NAME: config.ALIYUN_SMS_SIGN_NAME,
    })
    return new AliyunSmsProvider({
      accessKeyId: s.ALIYUN_ACCESS_KEY_ID,
      accessKeySecret: s.ALIYUN_ACCESS_KEY_SECRET,
      signName: s.ALIYUN_SMS_SIGN_NAME,
      endpoint: config.ALIYUN_SMS_ENDPOINT,
      templateCodes: readTemplateCodes(config.SMS_TEMPLATE_CODES),
      timeoutMs,
    })
  }
  if (config.SMS_PROVIDER === 'tencent') {
    const s = requireSettings('SMS_PROVIDER=tencent', {
      TENCENT_SECRET_ID: config.TENCENT_SECRET_ID,
      TENCENT_SECRET_KEY: config.TENCENT_SECRET_KEY,
      TENCENT_SMS_SDK_APP_ID: config.TENCENT_SMS_SDK_APP_ID,
      TENCENT_SMS_SIGN_NAME: config.TENCENT_SMS_SIGN_NAME,
    })
    return new TencentSmsProvider({
      secretId: s.TENCENT_SECRET_ID,
      secretKey: s.TENCENT_SECRET_KEY,
      sdkAppId: s.TENCENT_SMS_SDK_APP_ID,
      signName: s.TENCENT_SMS_SIGN_NAME,
      region: config.TENCENT_SMS_REGION,
      endpoint: config.TENCENT_SMS_ENDPOINT,
      templateCodes: readTemplateCodes(config.SMS_TEMPLATE_CODES),
      timeoutMs,
    })
  }
  return log
}

/** Throws, naming the setting or template, when a chosen provider lacks what it needs. */
export function createProviders(config: ProviderConfig): Providers {
  const log = new LogProvider(config.MESSAGE_LOG)
  const sms = smsProvider(config, log)
  if (config.EMAIL_PROVIDER === 'smtp') {
    const s = requireSettings('EMAIL_PROVIDER=smtp', { SMTP_URL: config.SMTP_URL, MAIL_FROM: config.MAIL_FROM })
    return { SMS: sms, EMAIL: new SmtpProvider({ url: s.SMTP_URL, from: s.MAIL_FROM, timeoutMs: config.MESSAGE_SEND_TIMEOUT_MS }) }
  }
  return { SMS: sms, EMAIL: log }
}
