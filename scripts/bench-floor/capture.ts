// For `npm run bench` (part `pages`): turns a page the portal sent into what the floor app renders from it, the
// element tree of its <body> (without Remix's own scripts, which the floor's <Scripts /> writes again;
// the portal's module preloads stay, as bytes to send) and the
// loader data in its window.__remixContext. A parser for React's output only: every attribute quoted, void
// elements unclosed, text escaped the way React escapes it.
import type { FloorPage, Node } from './app/pages.server'

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])
const RAW = new Set(['script', 'style'])

const unescape = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#x27|#39|#(\d+)|#x([0-9a-f]+));/gi, (entity, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec))
    if (hex) return String.fromCodePoint(parseInt(hex, 16))
    return { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" }[name.toLowerCase()] ?? entity
  })

/** The nodes of an HTML fragment as React rendered it. */
export function parseHtml(html: string): Node[] {
  const root: Node[] = []
  const stack: { tag: string; children: Node[] }[] = [{ tag: '', children: root }]
  const tagPattern = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>|<!--[\s\S]*?-->/g
  let at = 0
  for (let match = tagPattern.exec(html); match; match = tagPattern.exec(html)) {
    const top = stack[stack.length - 1]
    if (match.index > at) top.children.push(unescape(html.slice(at, match.index)))
    at = tagPattern.lastIndex
    if (match[0].startsWith('<!--')) continue
    const [, closing, tag, attributeText, selfClosing] = match
    if (closing) {
      while (stack.length > 1 && stack.pop()!.tag !== tag);
      continue
    }
    const attributes: Record<string, string> = {}
    for (const [, name, value] of attributeText.matchAll(/([^\s=>/]+)(?:="([^"]*)")?/g)) attributes[name] = unescape(value ?? '')
    const children: Node[] = []
    top.children.push([tag, attributes, children])
    if (RAW.has(tag)) {
      const end = html.indexOf(`</${tag}>`, at)
      children.push(html.slice(at, end))
      at = tagPattern.lastIndex = end + tag.length + 3
    } else if (!VOID.has(tag) && !selfClosing) stack.push({ tag, children })
  }
  if (at < html.length) stack[stack.length - 1].children.push(unescape(html.slice(at)))
  return root
}

/** What the floor needs to render `html` again: its body's tree (Remix's scripts left out) and its loader data. */
export function floorPageOf(html: string): FloorPage {
  const context = html.match(/window\.__remixContext = (\{[\s\S]*?\});<\/script>/)
  const data = context ? (JSON.parse(context[1]) as { state: { loaderData: unknown } }).state.loaderData : {}
  const inner = (tag: string) => html.slice(html.indexOf('>', html.indexOf(`<${tag}`)) + 1, html.lastIndexOf(`</${tag}>`))
  const isRemixOwn = (node: Node) =>
    typeof node !== 'string' &&
    node[0] === 'script' &&
    (node[1].type === 'module' || /__remix|sessionStorage|history\.state/.test(String(node[2][0] ?? '')))
  const withoutRemixOwn = (nodes: Node[]) => nodes.filter((node) => !isRemixOwn(node))
  // The head's charset and viewport are the floor root's own.
  const head = withoutRemixOwn(parseHtml(inner('head'))).filter(
    (node) => typeof node !== 'string' && !(node[0] === 'meta' && (node[1].charSet !== undefined || node[1].name === 'viewport')),
  )
  return { head, tree: withoutRemixOwn(parseHtml(inner('body'))), data }
}
