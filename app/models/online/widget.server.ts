// The activities widget another site embeds (decision 037): upcoming sessions of a venue, a district or a kind of
// activity as one small self-contained HTML page (no script, no Remix, inline styles only, well under 30 KB), in
// zh-CN or English, in large text on request, linking back to registration in a new tab. Every parameter is read
// through a whitelist (a slug, a category key, a language, `1`); anything else is refused with the parameter's name,
// never its value, and every text that comes from data is escaped, so a parameter cannot put markup on the page.
import { z } from 'zod'
import zhCN from '~/locales/zh-CN'
import { searchSessions } from '~/models/event/search.server'
import { formatSessionTime } from '~/utils/format'
import { tFor, type Language } from '~/utils/i18n'
import { prisma } from '~/utils/infra/db.server'
import type { EventCategory } from '@prisma/client'

export const WIDGET_MAX_ITEMS = 10
const slug = z.string().regex(/^[a-z0-9-]{1,80}$/)
const categories = Object.keys(zhCN.category) as [EventCategory, ...EventCategory[]]

const paramsSchema = z.object({
  venue: slug.optional(),
  district: slug.optional(),
  type: z.enum(categories).optional(),
  lang: z.enum(['zh-CN', 'zh', 'en']).optional(),
  large: z.enum(['0', '1']).optional(),
  limit: z.coerce.number().int().min(1).max(WIDGET_MAX_ITEMS).optional(),
})

export type WidgetParams = { venue?: string; district?: string; type?: EventCategory; language: Language; large: boolean; limit: number }

/** The widget's parameters, or the names of those that are not valid (unknown names are ignored). */
export function parseWidgetParams(
  params: URLSearchParams,
  prefersLarge = false,
): { ok: true; value: WidgetParams } | { ok: false; bad: string[]; language: Language } {
  const raw: Record<string, string> = {}
  for (const name of Object.keys(paramsSchema.shape)) {
    const value = params.get(name)
    if (value !== null && value !== '') raw[name] = value
  }
  const language: Language = raw.lang === 'en' ? 'en' : 'zh-CN'
  const parsed = paramsSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, bad: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))], language }
  const { venue, district, type, large, limit } = parsed.data
  // `large` says; without it, the portal's own large-text setting where the browser sends it (rarely, in a frame of
  // another site: the cookie is SameSite=Lax).
  return { ok: true, value: { venue, district, type, language, large: large ? large === '1' : prefersLarge, limit: limit ?? 6 } }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function page({ language, large, title, body }: { language: Language; large: boolean; title: string; body: string }): string {
  const size = large ? 20 : 15
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>
body{margin:0;padding:.6em;font:${size}px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#fff}
h1{font-size:1.15em;margin:0 0 .5em}ul{list-style:none;margin:0;padding:0}li{border-top:1px solid #d5dbe1;padding:.5em 0}
a{color:#0b5cad}a:focus{outline:3px solid #0b5cad;outline-offset:2px}.m{color:#4b5563;font-size:.9em;margin:0}.t{font-weight:700;margin:.1em 0}
.r{display:inline-block;margin-top:.25em;padding:.2em .8em;border-radius:.4em;background:#0b5cad;color:#fff;text-decoration:none;font-weight:700}
.f{color:#9a3412}footer{margin-top:.5em;font-size:.9em}
</style></head><body>${body}</body></html>`
}

/** The widget's HTML and status for the URL's parameters; `origin` is PUBLIC_URL's, for links back. */
export async function renderWidget(
  params: URLSearchParams,
  origin: string,
  { prefersLarge = false, now = new Date() }: { prefersLarge?: boolean; now?: Date } = {},
): Promise<{ status: number; html: string }> {
  const parsed = parseWidgetParams(params, prefersLarge)
  if (!parsed.ok) {
    const t = tFor(parsed.language)
    const message = t('embed.badParameter', { name: parsed.bad.join(', ') })
    return { status: 400, html: page({ language: parsed.language, large: false, title: message, body: `<p>${escapeHtml(message)}</p>` }) }
  }
  const { venue, district, type, language, large, limit } = parsed.value
  const t = tFor(language)
  const [result, venueRow, districtRow] = await Promise.all([
    searchSessions({ venue, district, category: type, page: 1 }, { now, pageSize: limit }),
    venue ? prisma.venue.findUnique({ where: { slug: venue }, select: { name: true } }) : null,
    district ? prisma.district.findUnique({ where: { slug: district }, select: { name: true, nameEn: true } }) : null,
  ])
  const title = venueRow
    ? t('embed.titleVenue', { name: venueRow.name })
    : districtRow
      ? t('embed.titleDistrict', { name: language === 'en' ? districtRow.nameEn : districtRow.name })
      : t('embed.title')
  const items = result.sessions.map((s) => {
    const eventUrl = `${origin}/events/${encodeURIComponent(s.eventSlug)}`
    const registerUrl = `${origin}/sessions/${encodeURIComponent(s.id)}/register`
    const seats = s.seatsLeft > 0 ? t('embed.seatsLeft', { count: s.seatsLeft }) : t('embed.full')
    const place = [s.venueName ?? s.placeName, language === 'en' ? s.districtNameEn : s.districtName].filter(Boolean).join(' · ')
    return `<li><p class="m">${escapeHtml(formatSessionTime(s.startsAt, s.endsAt, language))} · ${escapeHtml(t(`category.${s.category}`))}</p><p class="t"><a href="${escapeHtml(eventUrl)}" target="_blank" rel="noopener">${escapeHtml(s.title)}</a></p><p class="m">${escapeHtml(place)}</p>${
      s.registersOnline
        ? `<a class="r" href="${escapeHtml(registerUrl)}" target="_blank" rel="noopener">${escapeHtml(t('embed.register'))}</a> <span class="m${s.seatsLeft > 0 ? '' : ' f'}">${escapeHtml(seats)}</span>`
        : `<a href="${escapeHtml(eventUrl)}" target="_blank" rel="noopener">${escapeHtml(t('embed.details'))}</a>`
    }</li>`
  })
  const more = new URLSearchParams({ ...(district ? { district } : {}), ...(type ? { category: type } : {}) })
  const moreUrl = venue ? `${origin}/venues/${encodeURIComponent(venue)}` : `${origin}/${more.size ? `?${more}` : ''}`
  const body = `<main><h1>${escapeHtml(title)}</h1>${
    items.length ? `<ul>${items.join('')}</ul>` : `<p>${escapeHtml(t('embed.none'))}</p>`
  }<footer><a href="${escapeHtml(moreUrl)}" target="_blank" rel="noopener">${escapeHtml(t('embed.more'))}</a></footer></main>`
  return { status: 200, html: page({ language, large, title, body }) }
}
