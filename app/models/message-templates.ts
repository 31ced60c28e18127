// What Kepu says to people, as SMS providers in China require: each message is a template key plus parameters.
// The provider holds an approved copy of each SMS template (its code is configured per provider, decision 011);
// Kepu renders the same template to text for e-mail and for the message log. Texts are short, name the activity
// and its time, and carry the private link.
import type { Language } from '~/utils/i18n'

export type MessageTemplate = {
  /** Parameters the template needs, in the order providers list them. */
  params: readonly string[]
  /** Parameters that hold a private link or code: redacted in the outbox once the message is final. */
  secret?: readonly string[]
  /** E-mail subject and body; the body is also the SMS text (the provider's approved copy says the same). */
  subject: Record<Language, string>
  text: Record<Language, string>
  /** Sent even to someone who declined reminders, and never held back by quiet hours. */
  always?: boolean
}

export const messageTemplates = {
  'registration.confirmed': {
    params: ['title', 'time', 'place', 'code', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '报名成功：{title}', en: 'Registered: {title}' },
    text: {
      'zh-CN': '【科普地图】您已报名「{title}」，{time}，{place}。签到码 {code}。查看或取消：{link}',
      en: '[Kepu] You are registered for "{title}", {time}, {place}. Check-in code {code}. View or cancel: {link}',
    },
  },
  'phone.code': {
    params: ['code'],
    secret: ['code'],
    always: true,
    subject: { 'zh-CN': '科普地图验证码', en: 'Kepu verification code' },
    text: {
      'zh-CN': '【科普地图】验证码 {code}，10 分钟内有效。请勿告诉他人。',
      en: '[Kepu] Your verification code is {code}, valid for 10 minutes. Do not share it with anyone.',
    },
  },
} as const satisfies Record<string, MessageTemplate>

export type TemplateKey = keyof typeof messageTemplates
export type MessageParams = Record<string, string>

export function isTemplateKey(value: string): value is TemplateKey {
  return Object.hasOwn(messageTemplates, value)
}

function fill(pattern: string, params: MessageParams): string {
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')
}

/** The message as text (e-mail body, SMS text in the log) and its e-mail subject. */
export function renderMessage(key: TemplateKey, language: Language, params: MessageParams): { subject: string; text: string } {
  const template: MessageTemplate = messageTemplates[key]
  return { subject: fill(template.subject[language], params), text: fill(template.text[language], params) }
}
