import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { registrationSchema } from '~/models/registration/schema'
import {
  filterTimeWindow,
  filtersToSearch,
  parseEventFilters,
  reachRadiusMetres,
  travelMinutes,
  WALK_METRES_PER_MINUTE,
} from '~/utils/event-filters'
import { cookiesAreSecure } from '~/utils/form-security.server'
import { maskMobile, normaliseMobile } from '~/utils/phone'
import { weekendRange } from '~/utils/shanghai-time'

const parse = (query: string) => parseEventFilters(new URLSearchParams(query))

describe('filters read from the URL', () => {
  it('keeps what it understands, drops the rest, and explains bad dates and ages', () => {
    const { filters, problems } = parse('district=songjiang&category=LECTURE&venueType=NOPE&age=abc&from=2026-02-30&seatsLeft=1&page=0')
    expect(filters).toMatchObject({ district: 'songjiang', category: 'LECTURE', seatsLeft: true, page: 1 })
    expect(filters.venueType).toBeUndefined()
    expect(problems).toEqual({ age: 'home.problem.age', from: 'home.problem.date' })
    expect(parse('from=2026-12-10&to=2026-12-01').problems.to).toBe('home.problem.order')
    expect(parse('near=40.0,116.4').problems.near).toBe('home.problem.near')
    expect(parse('near=31.03,121.22').filters.near).toEqual({ lat: 31.03, lng: 121.22 })
  })

  it('round-trips through the query string', () => {
    const { filters } = parse('when=weekend&age=8&topic=天文&near=31.03,121.22&reach=walk15&page=2')
    expect(parse(filtersToSearch(filters).slice(1)).filters).toEqual(filters)
    expect(filtersToSearch(filters, { page: 1 })).not.toContain('page=')
  })

  it('turns "today", "this weekend" and a date range into Shanghai-time windows', () => {
    const mondayMorning = new Date('2026-11-23T02:00:00Z') // Mon 10:00 in Shanghai
    expect(filterTimeWindow({ when: 'today', page: 1 }, mondayMorning)).toEqual({
      from: mondayMorning,
      to: new Date('2026-11-23T16:00:00Z'),
    })
    expect(weekendRange(mondayMorning)).toEqual({ from: new Date('2026-11-27T16:00:00Z'), to: new Date('2026-11-29T16:00:00Z') })
    const sundayNoon = new Date('2026-11-29T04:00:00Z')
    expect(filterTimeWindow({ when: 'weekend', page: 1 }, sundayNoon)).toEqual({ from: sundayNoon, to: new Date('2026-11-29T16:00:00Z') })
    expect(filterTimeWindow({ when: 'range', from: '2026-12-01', to: '2026-12-02', page: 1 }, mondayMorning)).toEqual({
      from: new Date('2026-11-30T16:00:00Z'),
      to: new Date('2026-12-02T16:00:00Z'),
    })
  })

  it('estimates travel: 15 minutes on foot reach about 920 m in a straight line', () => {
    expect(reachRadiusMetres(15, WALK_METRES_PER_MINUTE)).toBe(923)
    expect(travelMinutes(923, WALK_METRES_PER_MINUTE)).toBe(15)
  })
})

describe('registration form rules', () => {
  const schema = registrationSchema({
    maxPartySize: 3,
    questions: [{ key: 'childAge', label: '孩子年龄', kind: 'number', required: true }],
  })
  it('accepts mainland mobile numbers written with spaces, dashes or +86, and masks them for lists', () => {
    expect(normaliseMobile('+86 138-1234-5678')).toBe('13812345678')
    expect(
      schema.safeParse({ name: '李', phone: '138 1234 5678', adults: 1, children: 1, answers: { childAge: 7 }, consent: true }).success,
    ).toBe(true)
    for (const bad of ['12812345678', '1381234567', '138123456789', '02112345678']) {
      expect(
        schema.safeParse({ name: '李', phone: bad, adults: 1, children: 0, answers: { childAge: 7 }, consent: true }).success,
        bad,
      ).toBe(false)
    }
    expect(maskMobile('13812345678')).toBe('138****5678')
  })
  it('refuses a party over the maximum, an empty party, a missing answer and no consent, each with its message', () => {
    const result = schema.safeParse({ name: '李', phone: '13812345678', adults: 4, children: 0, answers: {}, consent: false })
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    expect(messages).toEqual(['adults: 每份报名最多 3 人', 'answers.childAge: 请填写“孩子年龄”', 'consent: 请阅读并同意个人信息的使用说明'])
    // The total is checked once every field is readable (zod runs cross-field rules last).
    const total = schema.safeParse({ name: '李', phone: '13812345678', adults: 2, children: 2, answers: { childAge: 5 }, consent: true })
    expect(total.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['children: 成人和儿童合计最多 3 人'])
    const empty = schema.safeParse({ name: '李', phone: '13812345678', adults: 0, children: 0, answers: { childAge: 3 }, consent: true })
    expect(empty.error!.issues.map((i) => i.message)).toEqual(['至少 1 人参加'])
  })
  it('reads numbers typed into the form as plain decimals only: 0x10 and 1e2 are not numbers (issue 24)', () => {
    const posted = (adults: string, age: string) => {
      const form = new FormData()
      for (const [name, value] of Object.entries({
        name: '李',
        phone: '13812345678',
        adults,
        children: '0',
        'answers.childAge': age,
        consent: 'on',
      }))
        form.append(name, value)
      return parseWithZod(form, { schema })
    }
    const good = posted(' 2 ', '7')
    expect(good.status === 'success' && good.value).toMatchObject({ adults: 2, answers: { childAge: 7 } })
    for (const [adults, age] of [
      ['0x2', '7'],
      ['2', '0x10'],
      ['1e0', '7'],
      ['2', '1e1'],
      ['Infinity', '7'],
      ['2', '0b11'],
    ]) {
      const bad = posted(adults, age)
      expect(bad.status, `${adults} ${age}`).toBe('error')
      expect(JSON.stringify(bad.status === 'error' && bad.error), `${adults} ${age}`).toMatch(/数字/)
    }
  })
})

describe('cookie security', () => {
  it('is Secure when the request URL is HTTPS (the server reads X-Forwarded-Proto only from trusted proxies) and not over plain HTTP', () => {
    expect(cookiesAreSecure(new Request('https://kepu.example/'))).toBe(true)
    expect(cookiesAreSecure(new Request('http://10.0.0.5/', { headers: { 'X-Forwarded-Proto': 'https' } }))).toBe(false)
    expect(cookiesAreSecure(new Request('http://192.168.1.20:3000/'))).toBe(false)
  })
})
