// The default provider, for SMS and e-mail alike: each message becomes one JSON line in MESSAGE_LOG, so a fresh
// clone (and the browser tests) need no account and can read what would have been sent.
import { appendFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Delivery, MessageProvider } from './types'

export class LogProvider implements MessageProvider {
  readonly name = 'log'
  private ready: Promise<unknown> | undefined
  private readonly file: string
  constructor(file: string) {
    this.file = file
  }

  async send(delivery: Delivery) {
    this.ready ??= mkdir(path.dirname(path.resolve(this.file)), { recursive: true })
    await this.ready
    const line = {
      channel: delivery.channel,
      to: delivery.to,
      template: delivery.template,
      params: delivery.params,
      text: delivery.text,
      ...(delivery.channel === 'EMAIL' ? { subject: delivery.subject } : {}),
      at: new Date().toISOString(),
    }
    // One write per line: appends of one short line do not interleave between processes.
    await appendFile(this.file, `${JSON.stringify(line)}\n`, 'utf8')
    return {}
  }
}
