// Dates are shown in Shanghai time whatever the server's zone, in the reader's language.
import { defaultLanguage, tFor, type Language } from '~/utils/i18n'
import type { TFunction } from 'i18next'

// English dates read the British way ("Sat 5 December"), as Shanghai's English-language services write them.
const intlLocale = (language: Language) => (language === 'en' ? 'en-GB' : 'zh-CN')
const formatOptions = {
  day: { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short' },
  time: { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false },
  date: { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' },
  dayTime: {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  },
  clock: { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
  shortDay: { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric' },
  // A date without a time (YYYY-MM-DD read as UTC midnight): no zone shift.
  calendarDay: { timeZone: 'UTC', month: 'long', day: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>
// Building a formatter is costly; a page formats dozens of dates, so each (language, kind) is built once.
const formats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(language: Language, kind: keyof typeof formatOptions): Intl.DateTimeFormat {
  const key = `${language}:${kind}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), formatOptions[kind])
    formats.set(key, format)
  }
  return format
}

export function formatSessionTime(startsAt: Date | string, endsAt: Date | string, language: Language = defaultLanguage): string {
  const start = new Date(startsAt)
  const time = dateFormat(language, 'time')
  return `${dateFormat(language, 'day').format(start)} ${time.format(start)}–${time.format(new Date(endsAt))}`
}

/** "2026年12月5日" / "5 December 2026". */
export function formatDate(instant: Date | string, language: Language = defaultLanguage): string {
  return dateFormat(language, 'date').format(new Date(instant))
}

/** "12月5日周六 14:00" / "Sat 5 December at 14:00". */
export function formatDayTime(instant: Date | string, language: Language = defaultLanguage): string {
  return dateFormat(language, 'dayTime').format(new Date(instant))
}

/** A moment soon, to the second ("14:05:30"); with its day ("12月6日 09:00:00") when it is not today in Shanghai. */
export function formatClock(instant: Date | string, now: Date, language: Language = defaultLanguage): string {
  const at = new Date(instant)
  const clock = dateFormat(language, 'clock').format(at)
  const day = dateFormat(language, 'shortDay')
  return day.format(at) === day.format(now) ? clock : `${day.format(at)} ${clock}`
}

/** A calendar day (YYYY-MM-DD) without a time, e.g. a school visit's date: "12月5日". */
export function formatCalendarDay(dateKey: string, language: Language = defaultLanguage): string {
  return dateFormat(language, 'calendarDay').format(new Date(`${dateKey}T00:00:00Z`))
}

export function formatAudience(min: number | null, max: number | null, note: string | null, t: TFunction = tFor(defaultLanguage)): string {
  if (note) return note
  if (min !== null && max !== null) return t('format.ageRange', { min, max })
  if (min !== null) return t('format.ageFrom', { min })
  if (max !== null) return t('format.ageTo', { max })
  return t('format.anyAge')
}

export function formatDistance(metres: number, t: TFunction = tFor(defaultLanguage)): string {
  return metres < 1000
    ? t('format.metres', { value: Math.round(metres / 10) * 10 })
    : t('format.kilometres', { value: (metres / 1000).toFixed(1) })
}

// Staff pages and exports read Shanghai time in Chinese; one formatter per format, built once.
const dayTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})
const shortDateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hour12: false })
const shortDateTimeSeconds = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
  hour12: false,
})

/** "12月5日周六 09:30" */
export function formatDay(instant: Date | string): string {
  return dayTime.format(new Date(instant))
}

/** "2026/12/5 09:30", for tables and CSV exports; `seconds` for the audit log. */
export function formatShortDateTime(instant: Date | string, { seconds = false } = {}): string {
  return (seconds ? shortDateTimeSeconds : shortDateTime).format(new Date(instant))
}

/** A file size as staff read it: 820 KB, 3.4 MB (1024-based, one decimal under 10 MB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  const mb = bytes / 1024 / 1024
  return `${mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)} MB`
}
