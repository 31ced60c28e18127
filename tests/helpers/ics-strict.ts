// A strict reader of iCalendar files, written against RFC 5545's grammar for the parts Kepu writes: it returns
// every problem rather than making the best of the file as calendar apps (and ical.js) do.
// - §3.1 content lines: CRLF after every line, none longer than 75 octets, folds begin with one space or tab and
//   never split a UTF-8 character; name *(";" param) ":" value with no control characters.
// - §3.6 components: BEGIN/END balanced; VCALENDAR with exactly one PRODID and VERSION:2.0; VEVENT with exactly one
//   UID, DTSTAMP and DTSTART, DTEND or DURATION but not both; VALARM with ACTION and TRIGGER, DESCRIPTION for DISPLAY.
// - §3.3 values: DATE-TIME, DURATION (§3.3.6), TEXT escaping (§3.3.11), GEO floats, STATUS and TRANSP values.

export type ContentLine = { name: string; params: string; value: string }
export type Component = { name: string; properties: ContentLine[]; children: Component[] }

const decoder = new TextDecoder('utf-8', { fatal: true })

/** RFC 5545 dur-value: (["+"] / "-") "P" (dur-date / dur-time / dur-week). */
export const DURATION =
  /^[+-]?P(?:\d+W|\d+D(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))$/
const DATE_TIME = /^\d{8}T\d{6}Z?$/
const DATE = /^\d{8}$/
const NAME = /^(?:[A-Za-z0-9-]+)$/
// param = param-name "=" param-value *("," param-value); param-value = paramtext / quoted-string
const PARAM =
  // eslint-disable-next-line no-control-regex -- the RFC forbids control characters: these find them
  /^[A-Za-z0-9-]+=(?:[^";:,\x00-\x08\x0a-\x1f\x7f]*|"[^"\x00-\x08\x0a-\x1f\x7f]*")(?:,(?:[^";:,\x00-\x08\x0a-\x1f\x7f]*|"[^"\x00-\x08\x0a-\x1f\x7f]*"))*$/
// text = *(TSAFE-CHAR / ":" / DQUOTE / ESCAPED-CHAR): ";" "," "\" only escaped, no control characters but HTAB.
// eslint-disable-next-line no-control-regex -- the RFC forbids control characters: these find them
const TEXT = /^(?:[^\\;,\x00-\x08\x0a-\x1f\x7f]|\\[\\;,nN])*$/
// eslint-disable-next-line no-control-regex -- the RFC forbids control characters: these find them
const TEXT_LIST = /^(?:[^\\;,\x00-\x08\x0a-\x1f\x7f]|\\[\\;,nN])*(?:,(?:[^\\;,\x00-\x08\x0a-\x1f\x7f]|\\[\\;,nN])*)*$/
const FLOAT = /^[+-]?\d+(?:\.\d+)?$/
const TEXT_PROPERTIES = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'UID', 'PRODID', 'X-WR-CALNAME', 'COMMENT'])

function decodes(octets: Uint8Array): boolean {
  try {
    decoder.decode(octets)
    return true
  } catch {
    return false
  }
}

/** The file's problems (empty when it is valid) and its components. */
export function readStrictly(bytes: Uint8Array | string): { problems: string[]; calendars: Component[] } {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
  const problems: string[] = []
  const text = new TextDecoder().decode(data)
  if (!text.endsWith('\r\n')) problems.push('the last line does not end with CRLF')
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) problems.push('a line ends with a bare CR or LF')

  // Physical lines, each checked in octets and as UTF-8 on its own (a fold inside a character breaks that), then
  // unfolded octet by octet into content lines.
  const physical: Uint8Array[] = []
  let start = 0
  for (let i = 0; i < data.length - 1; i++)
    if (data[i] === 0x0d && data[i + 1] === 0x0a) {
      physical.push(data.subarray(start, i))
      start = i + 2
      i++
    }
  const unfolded: number[][] = []
  physical.forEach((line, index) => {
    if (line.length > 75) problems.push(`line ${index + 1} is ${line.length} octets long (at most 75)`)
    if (!decodes(line)) problems.push(`line ${index + 1} splits a UTF-8 character where it is folded, or is not UTF-8`)
    if (line[0] === 0x20 || line[0] === 0x09) {
      if (!unfolded.length) problems.push('the file begins with a continuation line')
      else unfolded[unfolded.length - 1].push(...line.subarray(1))
    } else unfolded.push([...line])
  })
  const logical = unfolded.map((octets, index) => {
    const line = new Uint8Array(octets)
    if (!decodes(line)) problems.push(`content line ${index + 1} is not UTF-8`)
    return new TextDecoder().decode(line)
  })

  const contentLines: ContentLine[] = []
  for (const line of logical) {
    const parsed = contentLine(line)
    if (typeof parsed === 'string') problems.push(parsed)
    else contentLines.push(parsed)
  }

  // Components.
  const calendars: Component[] = []
  const stack: Component[] = []
  for (const line of contentLines) {
    if (line.name === 'BEGIN') {
      const component: Component = { name: line.value, properties: [], children: [] }
      if (stack.length) stack[stack.length - 1].children.push(component)
      else calendars.push(component)
      stack.push(component)
    } else if (line.name === 'END') {
      const open = stack.pop()
      if (!open || open.name !== line.value) problems.push(`END:${line.value} does not close ${open?.name ?? 'anything'}`)
    } else if (!stack.length) problems.push(`${line.name} stands outside any component`)
    else stack[stack.length - 1].properties.push(line)
  }
  if (stack.length) problems.push(`${stack.map((c) => c.name).join(', ')} never ends`)
  if (calendars.length !== 1 || calendars[0]?.name !== 'VCALENDAR') problems.push('the file is not one VCALENDAR')
  for (const calendar of calendars) problems.push(...componentProblems(calendar))
  return { problems, calendars }
}

function contentLine(line: string): ContentLine | string {
  // The name and parameters end at the first ":" outside a quoted parameter value.
  let quoted = false
  let colon = -1
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted
    else if (line[i] === ':' && !quoted) {
      colon = i
      break
    }
  }
  if (colon < 0) return `no ":" in the content line "${line.slice(0, 40)}"`
  const [name, ...params] = line.slice(0, colon).split(';')
  const value = line.slice(colon + 1)
  if (!NAME.test(name)) return `"${name}" is not a property name`
  for (const param of params) if (!PARAM.test(param)) return `${name}: "${param}" is not a parameter`
  // eslint-disable-next-line no-control-regex -- the RFC forbids control characters: these find them
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return `${name}: a control character in the value`
  return { name: name.toUpperCase(), params: params.join(';'), value }
}

function componentProblems(component: Component): string[] {
  const problems: string[] = []
  const count = (name: string) => component.properties.filter((p) => p.name === name).length
  const exactlyOne = (...names: string[]) => {
    for (const name of names) if (count(name) !== 1) problems.push(`${component.name} has ${count(name)} ${name} (exactly one)`)
  }
  if (component.name === 'VCALENDAR') {
    exactlyOne('PRODID', 'VERSION')
    if (component.properties.find((p) => p.name === 'VERSION')?.value !== '2.0') problems.push('VERSION is not 2.0')
  }
  if (component.name === 'VEVENT') {
    exactlyOne('UID', 'DTSTAMP', 'DTSTART')
    if (count('DTEND') && count('DURATION')) problems.push('VEVENT has both DTEND and DURATION')
  }
  if (component.name === 'VALARM') {
    exactlyOne('ACTION', 'TRIGGER')
    const action = component.properties.find((p) => p.name === 'ACTION')?.value
    if (action === 'DISPLAY') exactlyOne('DESCRIPTION')
  }
  for (const p of component.properties) {
    const where = `${component.name} ${p.name}`
    if (p.name === 'DTSTAMP' || p.name === 'DTSTART' || p.name === 'DTEND') {
      const isDate = /(^|;)VALUE=DATE($|;)/i.test(p.params)
      if (!(isDate ? DATE : DATE_TIME).test(p.value)) problems.push(`${where}: "${p.value}" is not a ${isDate ? 'DATE' : 'DATE-TIME'}`)
    } else if (p.name === 'TRIGGER' || p.name === 'DURATION') {
      const isDateTime = /(^|;)VALUE=DATE-TIME($|;)/i.test(p.params)
      if (!(isDateTime ? DATE_TIME : DURATION).test(p.value))
        problems.push(`${where}: "${p.value}" is not a ${isDateTime ? 'DATE-TIME' : 'DURATION'}`)
    } else if (TEXT_PROPERTIES.has(p.name)) {
      if (!TEXT.test(p.value)) problems.push(`${where}: "${p.value.slice(0, 40)}" is not escaped TEXT`)
    } else if (p.name === 'CATEGORIES') {
      if (!TEXT_LIST.test(p.value)) problems.push(`${where}: "${p.value}" is not a TEXT list`)
    } else if (p.name === 'GEO') {
      const parts = p.value.split(';')
      if (parts.length !== 2 || !parts.every((x) => FLOAT.test(x))) problems.push(`${where}: "${p.value}" is not two floats`)
    } else if (p.name === 'STATUS') {
      if (!['TENTATIVE', 'CONFIRMED', 'CANCELLED'].includes(p.value)) problems.push(`${where}: "${p.value}"`)
    } else if (p.name === 'TRANSP') {
      if (!['OPAQUE', 'TRANSPARENT'].includes(p.value)) problems.push(`${where}: "${p.value}"`)
    } else if (p.name === 'URL') {
      if (!/^[a-z][a-z0-9+.-]*:[^\s"<>\\^`{|}]+$/i.test(p.value)) problems.push(`${where}: "${p.value}" is not a URI`)
    }
  }
  for (const child of component.children) problems.push(...componentProblems(child))
  return problems
}

/** A property's value with TEXT escapes undone. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}
