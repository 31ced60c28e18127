// React elements for a captured tree, created afresh on every render as components do (see pages.server.ts).
import { createElement, type ReactNode } from 'react'
import type { Node } from './pages.server'

const BOOLEAN = new Set([
  'checked',
  'disabled',
  'hidden',
  'required',
  'selected',
  'multiple',
  'readonly',
  'open',
  'novalidate',
  'autofocus',
])
const RENAMED: Record<string, string> = {
  class: 'className',
  for: 'htmlFor',
  readonly: 'readOnly',
  novalidate: 'noValidate',
  autofocus: 'autoFocus',
}

function styleObject(style: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const rule of style.split(';')) {
    const colon = rule.indexOf(':')
    if (colon < 0) continue
    const name = rule.slice(0, colon).trim()
    out[name.startsWith('--') ? name : name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = rule.slice(colon + 1).trim()
  }
  return out
}

export function render(node: Node, key: number): ReactNode {
  if (typeof node === 'string') return node
  const [tag, attributes, children] = node
  const props: Record<string, unknown> = { key }
  for (const [name, value] of Object.entries(attributes)) {
    const prop = RENAMED[name] ?? name
    if (name === 'style') props.style = styleObject(value)
    else if (BOOLEAN.has(name)) props[prop] = true
    else props[prop] = value
  }
  if (tag === 'script' || tag === 'style') {
    props.dangerouslySetInnerHTML = { __html: children.join('') }
    return createElement(tag, props)
  }
  return createElement(tag, props, ...children.map(render))
}
