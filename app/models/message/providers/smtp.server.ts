// E-mail over SMTP (nodemailer): the rendered subject and text in the recipient's language. A 5xx reply (mailbox
// unknown, rejected) is permanent; 4xx replies and connection failures are tried again.
import nodemailer, { type Transporter } from 'nodemailer'
import { ProviderError, type Delivery, type MessageProvider } from './types'

export type SmtpConfig = { url: string; from: string; timeoutMs: number }

export class SmtpProvider implements MessageProvider {
  readonly name = 'smtp'
  private readonly transport: Transporter
  private readonly from: string
  constructor(config: SmtpConfig) {
    this.from = config.from
    const url = new URL(config.url)
    for (const name of ['connectionTimeout', 'greetingTimeout', 'socketTimeout'])
      if (!url.searchParams.has(name)) url.searchParams.set(name, String(config.timeoutMs))
    this.transport = nodemailer.createTransport(url.toString())
  }

  async send(delivery: Delivery) {
    try {
      const info = await this.transport.sendMail({ from: this.from, to: delivery.to, subject: delivery.subject, text: delivery.text })
      return { providerMessageId: info.messageId }
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode
      const reason = (error as Error).message.split('\n')[0]
      throw new ProviderError(`smtp: ${reason}`, code !== undefined && code >= 500, code ? String(code) : undefined)
    }
  }

  close() {
    this.transport.close()
  }
}
