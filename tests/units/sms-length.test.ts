// Every SMS Kepu sends fits in two billed parts (issue 30): each template in both languages, filled the way the
// models fill it (app/models/message/notify.server.ts) with the seed's own activities, venues and dates, the private link
// of today's length and a realistic public origin. Chinese texts are UCS-2 and counted with the signature 【…】, as
// Aliyun and Tencent bill them: at most 134 characters (2 × 67). English texts: at most 306 GSM-7 characters
// (2 × 153) where the text is GSM-7; one that carries a Chinese title is UCS-2 and is printed with its real count.
// Run with KEPU_SMS_REPORT=1 to print each template's longest text and its length.
import { describe, expect, it } from 'vitest'
import {
  advanceParams,
  deadlineMovedParams,
  entryReceivedParams,
  extendedParams,
  publishedParams,
  registeredParams,
} from '~/models/competitions/messages'
import { dispatchedParams } from '~/models/lecturers/dispatch.server'
import { clause, menuParams, nameIn, registrationMessages, schoolParams, type MenuTemplate } from '~/models/message/notify.server'
import { messageTemplates, renderMessage, type TemplateKey } from '~/models/message/templates'
import { volunteerMessageParams } from '~/models/volunteers/roles.server'
import { tFor, type Language } from '~/utils/i18n'
import { derivedLinkSecret, privateLinkPath } from '~/utils/private-links.server'
import { smsLength } from '~/utils/sms-length'
import { eventSeeds } from '../../seeds/events'
import { venueSeeds } from '../../seeds/venues'

const origin = 'https://kepu.example.cn'
const key = 'k'.repeat(32)
const languages: Language[] = ['zh-CN', 'en']
// Monday 7 December 2026, 00:00 in Shanghai: seed days count from here.
const week = Date.parse('2026-12-06T16:00:00Z')
const at = (day: number, hhmm: string) =>
  new Date(week + day * 86400_000 + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000)

// What school and 菜单 texts carry that the seed does not hold yet: course and menu titles as the plans name the
// programmes (研学课程, 科技场馆进校园, 科学有点意思, 惠民科普直通车, 曙光溢彩, 健康科普), 社区书院 and 党群服务中心 as sites,
// and the venue's words as staff write them.
const courseTitles = ['百年天文台里看星星（研学课程）', '脑科学与人工智能展项研学', '科技场馆进校园：会跳舞的静电']
const menuTitles = [
  '科学有点意思·科学秀进社区',
  '惠民科普直通车：流动科技馆进社区',
  '曙光溢彩·医学科普讲座',
  '健康科普进书院：冬季慢病防护',
]
const sites = ['松江区九亭镇社区党群服务中心', '青浦区夏阳街道社区书院', '闵行区莘庄工业区党群服务中心']
const staffWords = ['请提前 15 分钟到西门集合，带好学生证。', '当天已满，请改选下周二上午。', '']

/** A rendered text and the parameters that are data (names, titles, a person's words) rather than Kepu's words. */
type Sample = { key: TemplateKey; language: Language; text: string; data?: string[] }
const dataOf = (params: Record<string, string>) => ['title', 'place', 'venue', 'site', 'message'].map((k) => params[k] ?? '')

function registrationSamples(): Sample[] {
  const venues = new Map(venueSeeds.map((v) => [v.slug, v.name]))
  const templates = Object.keys(messageTemplates).filter((k) => k.startsWith('registration.')) as Array<
    TemplateKey & `registration.${string}`
  >
  return eventSeeds.flatMap((e) =>
    e.sessions.flatMap((s) =>
      languages.flatMap((language) => {
        const code = 'K7M2Q9XA'
        const r = {
          id: 'r1',
          code,
          phone: '13900001111',
          locale: language,
          manageTokenHash: derivedLinkSecret(key, 'registration', code).hash,
          remindersOff: false,
          status: 'CONFIRMED' as const,
          session: {
            startsAt: at(s.day, s.start),
            endsAt: at(s.day, s.end),
            event: {
              title: e.title,
              placeName: e.placeName ?? null,
              districtId: 'd',
              venue: e.venue ? { name: venues.get(e.venue)! } : null,
              // A production portal has no demonstration activities (decision 026): measured without 【演示】.
              isExample: false,
            },
          },
        }
        return templates.map((template) => {
          const [item] = registrationMessages(r, template, {
            key,
            origin,
            now: new Date(week),
            reminders: false,
            extra: { position: '12' },
          })
          const params = item.message.params as Record<string, string>
          return { key: template, language, text: renderMessage(template, language, params).text, data: dataOf(params) }
        })
      }),
    ),
  )
}

function schoolSamples(): Sample[] {
  const templates = Object.keys(messageTemplates).filter((k) => k.startsWith('school.')) as TemplateKey[]
  const code = 'S7M2Q9XA'
  const url = `${origin}${privateLinkPath['school-booking']}${derivedLinkSecret(key, 'school-booking', code).secret}`
  return venueSeeds
    .filter((v) => v.takesSchoolVisits)
    .flatMap((v) =>
      courseTitles.flatMap((title) =>
        staffWords.flatMap((words) =>
          languages.flatMap((language) => {
            const booking = {
              id: 'b1',
              code,
              phone: '13711112222',
              email: null,
              locale: language,
              manageTokenHash: '',
              startsAt: at(8, '09:30'),
              schoolName: '上海市松江区第一实验小学',
              students: 40,
              venue: { name: v.name, districtId: 'd' },
              course: { title },
              offer: { isExample: false },
            }
            const { params } = schoolParams(booking, url, origin, words)
            return templates.map((template) => ({
              key: template,
              language,
              text: renderMessage(template, language, params).text,
              data: dataOf(params),
            }))
          }),
        ),
      ),
    )
}

function menuSamples(): Sample[] {
  const templates = Object.keys(messageTemplates).filter((k) => k.startsWith('menu.')) as MenuTemplate[]
  const code = 'M7M2Q9XA'
  const url = `${origin}${privateLinkPath['menu-order']}${derivedLinkSecret(key, 'menu-order', code).secret}`
  return menuTitles.flatMap((title) =>
    sites.flatMap((siteName) =>
      staffWords.flatMap((words) =>
        languages.flatMap((language) => {
          const order = {
            id: 'o1',
            code,
            phone: '13711112222',
            email: null,
            locale: language,
            manageTokenHash: '',
            siteName,
            districtId: 'd',
            proposedStartsAt: at(10, '14:00'),
            providerMessage: words,
            menuItem: { title },
            event: { sessions: [{ startsAt: at(10, '14:00') }] },
          }
          return templates.map((template) => {
            const { params } = menuParams(order, template, url, origin)
            return { key: template, language, text: renderMessage(template, language, params).text, data: dataOf(params) }
          })
        }),
      ),
    ),
  )
}

// Competitions (issue 29): the plans' three competitions as titles (the longest edition names), team names at the
// form's limit (20 characters), a staff reason longer than a clause.
function competitionSamples(): Sample[] {
  const titles = [
    { title: '松江区青少年科学表演大赛', titleEn: 'Songjiang Youth Science Show Competition' },
    { title: '青吴嘉青少年创新技能挑战赛', titleEn: 'Qingpu–Wujiang–Jiashan Youth Innovation Skills Challenge' },
    { title: '时空智联低轨卫星应用创意大赛', titleEn: '' },
  ]
  const teamNames = ['静电小分队', '松江区实验小学科学表演社团第一小分队']
  const award = { name: '一等奖', nameEn: 'First prize' }
  // Round names as the plans' competitions hold them: the next round a team advances to.
  const rounds = [
    { name: '决赛', nameEn: 'Final' },
    { name: '复赛（现场展示与答辩）', nameEn: 'Second round (on stage, with questions)' },
  ]
  const deadline = at(20, '23:59')
  return titles.flatMap((c) =>
    teamNames.flatMap((name) =>
      languages.flatMap((language) => {
        const team = { name, code: 'T7M2Q9XAKP' }
        const sample = (key: TemplateKey, params: Record<string, string>): Sample => ({
          key,
          language,
          text: renderMessage(key, language, params).text,
          data: [params.title, name, params.message ?? ''],
        })
        return [
          sample('competition.registered', registeredParams(c, team, deadline, origin, language)),
          sample('competition.deadline-near', registeredParams(c, team, deadline, origin, language)),
          sample('competition.entry-received', entryReceivedParams(c, team, 12, at(3, '21:07'), language)),
          sample(
            'competition.extended',
            extendedParams(c, team, at(22, '23:59'), '学校停电两天，无法上传视频，经核实延长两天。', language),
          ),
          ...(['signUpOpens', 'signUpCloses', 'entryCloses'] as const).map((step) =>
            sample(
              'competition.deadline-moved',
              deadlineMovedParams(c, step, at(22, '23:59'), '区教育局统一调整期末考试时间，报名与提交相应推后一周。', language),
            ),
          ),
          sample('competition.published', publishedParams(c, team, award, origin, language)),
          sample('competition.published', publishedParams(c, team, null, origin, language)),
          ...rounds.flatMap((round) => [
            sample('competition.advanced', advanceParams(c, team, round, origin, language)),
            sample('competition.not-advanced', advanceParams(c, team, round, origin, language)),
          ]),
        ]
      }),
    ),
  )
}

// 派单 to a lecturer (issue 26): the plans' menu titles and sites, the link to the lecturer's own page.
function lecturerSamples(): Sample[] {
  return menuTitles.flatMap((title) =>
    sites.flatMap((siteName) =>
      languages.map((language) => {
        const params = dispatchedParams({ siteName, menuItem: { title } }, origin)
        return {
          key: 'lecturer.dispatched' as const,
          language,
          text: renderMessage('lecturer.dispatched', language, params).text,
          data: dataOf(params),
        }
      }),
    ),
  )
}

function phoneCodeSamples(): Sample[] {
  return languages.map((language) => ({
    key: 'phone.code',
    language,
    text: renderMessage('phone.code', language, { code: '482913' }).text,
  }))
}

// Volunteer roles as staff name them, on the seed's activities: the activity's title is not in the text, the role's is.
const roleTitles = ['展厅讲解', '科学秀现场引导与秩序维护', '实验助教（动手做材料包分发与指导）']

function volunteerSamples(): Sample[] {
  const templates = Object.keys(messageTemplates).filter((k) => k.startsWith('volunteer.')) as TemplateKey[]
  return roleTitles.flatMap((title) =>
    languages.flatMap((language) =>
      templates.map((template) => {
        const params = {
          ...volunteerMessageParams({ title, startsAt: at(3, '09:00'), endsAt: at(3, '12:00') }, language),
          link: `${origin}/volunteers/me`,
          hours: '2.5',
          startsAt: at(3, '09:00').toISOString(),
        }
        return { key: template, language, text: renderMessage(template, language, params).text, data: dataOf(params) }
      }),
    ),
  )
}

// 申请入驻 (decision 040): organisation names at the form's longest (40) and a decline's reason at its longest (60).
const joinOrganisations = ['上海市松江区佘山镇星空天文科普教育基地运营管理有限公司第一分公司科普服务部门', '松江星空科普中心']
const joinReasons = [
  '经核实，贵单位的场馆目前尚未对公众开放，也没有开展科普活动的记录，暂不符合入驻条件，请在场馆开放并开展活动后重新申请。',
  '不属于科普单位',
]

function joinSamples(): Sample[] {
  return joinOrganisations.flatMap((organisation) =>
    languages.flatMap((language) =>
      joinReasons.flatMap((reason) =>
        (['org-join.approved', 'org-join.declined'] as const).map((template) => {
          const params = { organisation, reason }
          return { key: template, language, text: renderMessage(template, language, params).text, data: [organisation, reason] }
        }),
      ),
    ),
  )
}

const samples = [
  ...phoneCodeSamples(),
  ...registrationSamples(),
  ...schoolSamples(),
  ...menuSamples(),
  ...competitionSamples(),
  ...volunteerSamples(),
  ...lecturerSamples(),
  ...joinSamples(),
]

describe('SMS length', () => {
  it('has a sample of every template sent by SMS, in both languages', () => {
    const smsTemplates = Object.keys(messageTemplates).filter((k) => !k.startsWith('staff.'))
    for (const language of languages)
      expect(new Set(samples.filter((s) => s.language === language).map((s) => s.key))).toEqual(new Set(smsTemplates))
  })

  it('keeps every Chinese SMS within two UCS-2 parts (134 characters with the signature) and every English one within two GSM-7 parts', () => {
    const longest = new Map<string, Sample & { units: number; encoding: string }>()
    for (const s of samples) {
      const length = smsLength(s.text)
      const id = `${s.key} ${s.language}`
      if ((longest.get(id)?.units ?? -1) < length.units) longest.set(id, { ...s, ...length })
    }
    if (process.env.KEPU_SMS_REPORT)
      console.log(
        [...longest.values()].map((s) => `${String(s.units).padStart(4)} ${s.encoding} ${s.key} ${s.language}: ${s.text}`).join('\n'),
      )
    const tooLong = [...longest.values()].filter((s) =>
      s.language === 'zh-CN' ? s.units > 134 : smsLength(s.text.replace(/[^\x20-\x7e]/g, 'x')).units > 306,
    )
    expect(tooLong.map((s) => `${s.units} ${s.key} ${s.language}: ${s.text}`)).toEqual([])
    const chinese = [...longest.values()].filter((s) => s.language === 'zh-CN')
    expect(chinese.every((s) => s.encoding === 'UCS-2')).toBe(true)
  })

  it('never doubles punctuation, and English texts carry no Chinese beyond the names in the data', () => {
    for (const s of samples) {
      expect(s.text, s.text).not.toMatch(/[。．.！!？?，,；;]{2}|。\.|\.。/)
      if (s.language === 'en') {
        // What may stay Chinese: the data (an activity's, course's or 菜单 item's title, a site's name, a venue
        // without an English name, the venue's own words), never the words around them.
        const words = (s.data ?? []).filter(Boolean).reduce((text, value) => text.split(value).join(''), s.text)
        expect(words, s.text).not.toMatch(/[^\x20-\x7e]/)
      }
    }
  })

  it("calls each code by one word, the catalogue's, in both languages", () => {
    const words: Record<string, 'registration.code' | 'school.bookingCode' | 'menu.orderCode'> = {
      'registration.': 'registration.code',
      'school.': 'school.bookingCode',
      'menu.': 'menu.orderCode',
    }
    for (const language of languages) {
      const t = tFor(language)
      for (const [keyName, template] of Object.entries(messageTemplates)) {
        const text = template.text[language]
        if (!text.includes('{code}') || keyName === 'phone.code') continue
        const prefix = Object.keys(words).find((p) => keyName.startsWith(p))
        const word = t(words[prefix!]).toLowerCase()
        expect(text.toLowerCase(), keyName).toContain(`${word} {code}`)
      }
      expect(JSON.stringify(messageTemplates)).not.toMatch(/签到码|编号/)
    }
  })

  it("takes a name in the reader's language and drops a person's last full stop before the template's", () => {
    expect(nameIn('上海地震科普馆（Shanghai Earthquake Museum）', 'zh-CN')).toBe('上海地震科普馆')
    expect(nameIn('上海地震科普馆（Shanghai Earthquake Museum）', 'en')).toBe('Shanghai Earthquake Museum')
    expect(nameIn('上海非凡生命科学科创研学基地（莘庄工业区）', 'zh-CN')).toBe('上海非凡生命科学科创研学基地（莘庄工业区）')
    expect(nameIn('松江区科技馆', 'en')).toBeNull()
    expect(clause('请带学生证。', 'zh-CN')).toBe('请带学生证')
    expect(clause('  ', 'en')).toBe('none')
  })
})
