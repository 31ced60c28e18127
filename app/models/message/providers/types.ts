// One interface for every way a message leaves Kepu (decision 011): the `log` file, Aliyun or Tencent Cloud SMS,
// SMTP e-mail. A provider sends one rendered message and says what the provider called it, or throws a
// ProviderError that tells the worker whether trying again can help.
import type { TemplateKey } from '~/models/message/templates'

export type Channel = 'SMS' | 'EMAIL'

export type Delivery = {
  channel: Channel
  /** Mainland mobile number (digits) or e-mail address. */
  to: string
  template: TemplateKey
  params: Record<string, string>
  language: 'zh-CN' | 'en'
  /** The rendered text (e-mail body, SMS text in the log) and e-mail subject. */
  text: string
  subject: string
}

export type SendResult = { providerMessageId?: string }

export interface MessageProvider {
  /** Recorded on the message (Message.provider). */
  readonly name: string
  send(delivery: Delivery): Promise<SendResult>
}

/**
 * A provider's refusal. `permanent`: sending the same again cannot succeed (a template the provider does not know,
 * a bad number, a rejected address), so the message fails at once; otherwise (throttled, 5xx, network) the worker
 * tries again with backoff.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly code?: string,
  ) {
    super(message)
    this.name = 'ProviderError'
  }
}

/** Network failures and timeouts are transient; the message never carries the request (it may hold secrets). */
export function transientNetworkError(provider: string, error: unknown): ProviderError {
  const reason = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error)
  return new ProviderError(`${provider}: ${reason}`, false, 'NETWORK')
}
