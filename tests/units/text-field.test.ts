// Text as every public form reads it (decision 014): normalised once, refused next to its field when it holds control
// characters, bidi overrides or nothing visible; zod's English never reaches the reader; echoes are capped.
import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { menuOrderSchema } from '~/models/menu/schema'
import { registrationSchema } from '~/models/registration/schema'
import { visitRequestSchema } from '~/models/school-visit/schema'
import { capEcho, MAX_ECHO_CHARACTERS } from '~/utils/form.server'
import { tFor } from '~/utils/i18n'
import { formErrorMap } from '~/utils/text-field'

const zh = tFor('zh-CN')
const en = tFor('en')
const event = { maxPartySize: 4, questions: [] }
const registration = (name: string, t = zh) =>
  parseWithZod(new URLSearchParams({ name, phone: '13812345678', adults: '1', children: '0', consent: 'on' }), {
    schema: registrationSchema(event, t),
    errorMap: formErrorMap(t),
  })
const nameError = (name: string, t = zh) => {
  const submission = registration(name, t)
  return submission.status === 'error' ? submission.error?.name?.[0] : undefined
}

describe('names and free text', () => {
  it('are kept in NFC without surrounding spaces', () => {
    const submission = registration('  Zoe\u0301 张三 ')
    expect(submission.status === 'success' && submission.value.name).toBe('Zoé 张三')
  })

  it('are refused with a message next to the field, in the reader’s language, for CR/LF, controls, bidi and invisible-only names', () => {
    for (const name of ['张\r\n三', '张\n三', '张\t三', '张\u0007三', '张\u0085三'])
      expect(nameError(name), JSON.stringify(name)).toBe(zh('form.controlCharacters'))
    for (const name of ['\u202eabc', 'abc\u2066', '\u200f张三'])
      expect(nameError(name), JSON.stringify(name)).toBe(zh('form.bidiCharacters'))
    for (const name of ['\u200b', '\u200b\u200d', '\u3164', '\ufeff\u2060', '\u3000\u200b'])
      expect(nameError(name), JSON.stringify(name)).toBe(zh('form.invisibleOnly'))
    expect(nameError('\u3164', en)).toBe(en('form.invisibleOnly'))
    // Emoji joined by U+200D are visible text.
    expect(registration('👩\u200d👩\u200d👧 王').status).toBe('success')
  })

  it('keep line breaks in multi-line notes but not in a 菜单 site name (which becomes an activity title)', () => {
    const order = (fields: Record<string, string>) =>
      parseWithZod(
        new URLSearchParams({
          siteName: '松江社区书院',
          siteKind: 'COMMUNITY_ACADEMY',
          districtId: 'd',
          siteAddress: '松江区中山中路 1 号',
          lat: '31.03',
          lng: '121.22',
          contactName: '李老师',
          phone: '13812345678',
          preferredDates: '五月的周末',
          expectedAudience: '30',
          consent: 'on',
          ...fields,
        }),
        { schema: menuOrderSchema(zh), errorMap: formErrorMap(zh) },
      )
    const notes = order({ notes: '第一行\r\n第二行' })
    expect(notes.status === 'success' && notes.value.notes).toBe('第一行\n第二行')
    const title = order({ siteName: '松江\r\n社区书院' })
    expect(title.status === 'error' && title.error?.siteName).toEqual([zh('form.controlCharacters')])
    // The point is optional (the map may show no tiles, issue 30), but latitude and longitude come together.
    const noPoint = order({ lat: '', lng: '' })
    expect(noPoint.status === 'success' && [noPoint.value.lat, noPoint.value.lng]).toEqual([undefined, undefined])
    const half = order({ lng: '' })
    expect(half.status === 'error' && half.error?.lng).toEqual([zh('menu.errors.pointPair')])
  })
})

describe("zod's own messages", () => {
  it('never reach the reader, and never echo the input', () => {
    const junk = 'x'.repeat(10_000)
    const visit = parseWithZod(new URLSearchParams({ grade: junk, schoolName: junk }), {
      schema: visitRequestSchema(en),
      errorMap: formErrorMap(en),
    })
    const messages = Object.values(visit.status === 'error' ? (visit.error ?? {}) : {}).flat() as string[]
    expect(messages.length).toBeGreaterThan(3)
    for (const message of messages) {
      expect(message).not.toMatch(/Invalid|Expected|Required|received/)
      expect(message.length).toBeLessThan(200)
    }
  })

  it('echo each refused value cut to the cap', () => {
    const submission = registration('x'.repeat(50_000))
    const reply = capEcho(submission.reply())
    expect(String((reply.initialValue as Record<string, unknown>).name)).toHaveLength(MAX_ECHO_CHARACTERS)
  })
})
