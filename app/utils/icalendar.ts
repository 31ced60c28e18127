// iCalendar files (RFC 5545) as Kepu writes them: the calendar feed, a registration's and a school booking's file.
// Written here rather than by a library, which folded lines by characters (a line of Chinese text ran to 139
// octets where the RFC allows 75) and wrote a one-day alarm as `TRIGGER:-P1DT`, which is not duration grammar.
// What this writer guarantees: CRLF line ends; content lines folded at 75 octets, never inside a UTF-8 character;
// TEXT values escaped (\\ \; \, \n); PRODID and VERSION in the calendar; UID, DTSTAMP and DTSTART in each event;
// durations as RFC 5545 §3.3.6 writes them.

export type CalendarAlarm = {
  /** How long before the start the alarm goes off. */
  before: { days?: number; hours?: number; minutes?: number }
  description: string
}

export type CalendarEvent = {
  uid: string
  start: Date
  end: Date
  summary: string
  description?: string
  location?: string
  geo?: { lat: number; lng: number }
  url?: string
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'
  categories?: string[]
  /** TRANSPARENT: shown as free time (a subscribed feed, not a booking). */
  transparent?: boolean
  alarms?: CalendarAlarm[]
}

export type Calendar = {
  prodId: string
  /** The calendar's name in the subscriber's list (X-WR-CALNAME). */
  name?: string
  method?: 'PUBLISH'
  events: CalendarEvent[]
  /** DTSTAMP: when the file was made. */
  stamp?: Date
}

/** The calendar as the text of an .ics file. */
export function calendarText({ prodId, name, method, events, stamp = new Date() }: Calendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${text(prodId)}`, 'CALSCALE:GREGORIAN']
  if (method) lines.push(`METHOD:${method}`)
  if (name) lines.push(`X-WR-CALNAME:${text(name)}`)
  for (const event of events) lines.push(...eventLines(event, stamp))
  lines.push('END:VCALENDAR')
  return lines.map(fold).join('\r\n') + '\r\n'
}

function eventLines(event: CalendarEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${text(event.uid)}`,
    `DTSTAMP:${dateTime(stamp)}`,
    `DTSTART:${dateTime(event.start)}`,
    `DTEND:${dateTime(event.end)}`,
    `SUMMARY:${text(event.summary)}`,
  ]
  if (event.description) lines.push(`DESCRIPTION:${text(event.description)}`)
  if (event.location) lines.push(`LOCATION:${text(event.location)}`)
  if (event.geo) lines.push(`GEO:${event.geo.lat.toFixed(6)};${event.geo.lng.toFixed(6)}`)
  if (event.url) lines.push(`URL:${event.url}`)
  if (event.status) lines.push(`STATUS:${event.status}`)
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(text).join(',')}`)
  if (event.transparent) lines.push('TRANSP:TRANSPARENT')
  for (const alarm of event.alarms ?? [])
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${text(alarm.description)}`,
      `TRIGGER:${duration(alarm.before, '-')}`,
      'END:VALARM',
    )
  lines.push('END:VEVENT')
  return lines
}

/** A UTC date-time: 20261205T060000Z. */
export function dateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/**
 * A duration (RFC 5545 §3.3.6): "-P1D", "-PT2H", "-P1DT2H30M"; the time part only when it has something in it,
 * and "PT0S" for nothing at all.
 */
export function duration({ days = 0, hours = 0, minutes = 0 }: CalendarAlarm['before'], sign: '' | '-' = ''): string {
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}`
  if (!days && !time) return 'PT0S'
  return `${sign}P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`
}

/** A TEXT value (§3.3.11): backslash, semicolon, comma and line ends escaped; other control characters dropped. */
export function text(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\n/g, '\\n')
      // eslint-disable-next-line no-control-regex -- control characters are what TEXT may not hold
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  )
}

const encoder = new TextEncoder()

/**
 * A content line folded (§3.1): physical lines of at most 75 octets, each continuation starting with one space,
 * broken only between characters, so no UTF-8 sequence is split.
 */
export function fold(line: string): string {
  if (encoder.encode(line).length <= 75) return line
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = encoder.encode(char).length
    // The first line holds 75 octets; each continuation 74 after its leading space.
    const room = parts.length === 0 ? 75 : 74
    if (octets + size > room) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}
