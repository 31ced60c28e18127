// Which approved provider template stands for which Kepu template (decision 011): SMS_TEMPLATE_CODES, a JSON object
// `{ "registration.confirmed": "SMS_123456789", … }` or the path of a file holding one. With a real SMS provider every
// template needs one; a missing one stops the start with its name rather than failing a message hours later.
import { existsSync, readFileSync } from 'node:fs'
import { messageTemplates } from '~/models/message/templates'

export type TemplateCodes = Record<string, string>

export function readTemplateCodes(setting: string | undefined): TemplateCodes {
  if (!setting) throw new Error("SMS_TEMPLATE_CODES is not set: a real SMS provider needs each template key's approved template code")
  const raw = setting.trim().startsWith('{') ? setting : existsSync(setting) ? readFileSync(setting, 'utf8') : undefined
  if (raw === undefined) throw new Error(`SMS_TEMPLATE_CODES must be a JSON object or the path of a JSON file; no file at '${setting}'`)
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new Error('SMS_TEMPLATE_CODES is not valid JSON')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('SMS_TEMPLATE_CODES must be a JSON object from template key to template code')
  const codes: TemplateCodes = {}
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`SMS_TEMPLATE_CODES: the code of ${key} must be text`)
    codes[key] = String(value)
  }
  const missing = Object.keys(messageTemplates).filter((key) => !codes[key])
  if (missing.length) throw new Error(`SMS_TEMPLATE_CODES has no template code for ${missing.join(', ')}`)
  return codes
}

/** Throws naming the variables a provider needs and lacks. */
export function requireSettings(provider: string, settings: Record<string, string | undefined>): Record<string, string> {
  const missing = Object.entries(settings)
    .filter(([, value]) => !value)
    .map(([name]) => name)
  if (missing.length) throw new Error(`${provider} needs ${missing.join(', ')}`)
  return settings as Record<string, string>
}
