// Keyword search (decision 017): what a typed query means, shared by the server (which turns the words into SQL,
// app/models/keyword-search.server.ts) and the browser (which marks the same words in the list).
// A query is split into words at spaces and punctuation; every word must be found somewhere in the record, as a
// substring (Chinese has no spaces between words, so "天文" is found inside "佘山天文台").
import en from '~/locales/en'
import zhCN from '~/locales/zh-CN'
import type { EventCategory, MenuItemKind } from '@prisma/client'

/** Longest query read, in characters (a 10,000-character query is refused with a message, never run). */
export const KEYWORD_MAX_LENGTH = 50
/** Most words one query may hold: each word costs one pass over the text of every candidate row. */
export const KEYWORD_MAX_WORDS = 5

/** Why a query is not searched for, as a catalogue key (the page words it). */
export type KeywordProblem = 'search.problem.long' | 'search.problem.noWords'

/**
 * The words of a query: NFKC (full-width letters and digits become plain ones), lower case, split at anything that
 * is not a letter, mark or digit, duplicates dropped. No punctuation survives, so no LIKE wildcard or backslash ever
 * reaches the SQL (which does not use LIKE anyway).
 */
export function keywordTerms(query: string | undefined): string[] {
  if (!query) return []
  const words = query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
  return [...new Set(words)]
}

/** Reads `q=` from a URL: the query as typed (trimmed, spaces collapsed), or the problem that stops it. */
export function parseKeyword(raw: string | null | undefined): { q?: string; problem?: KeywordProblem } {
  const q = raw?.replace(/\s+/g, ' ').trim()
  if (!q) return {}
  if (q.length > KEYWORD_MAX_LENGTH) return { problem: 'search.problem.long' }
  const terms = keywordTerms(q)
  if (terms.length === 0) return { problem: 'search.problem.noWords' }
  if (terms.length > KEYWORD_MAX_WORDS) return { problem: 'search.problem.long' }
  return { q }
}

/** The activity types whose name, in Chinese or English, holds the word ("讲座", "talk"). */
export function categoriesMatching(term: string): EventCategory[] {
  return (Object.keys(zhCN.category) as EventCategory[]).filter(
    (c) => zhCN.category[c].includes(term) || (term.length > 1 && en.category[c].toLowerCase().includes(term)),
  )
}

/** The 科普菜单 forms whose name, in Chinese or English, holds the word ("科学秀", "kit"). */
export function menuKindsMatching(term: string): MenuItemKind[] {
  return (Object.keys(zhCN.menuKind) as MenuItemKind[]).filter(
    (k) => zhCN.menuKind[k].includes(term) || (term.length > 1 && en.menuKind[k].toLowerCase().includes(term)),
  )
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * `text` cut into the parts that match one of the words and the parts between, for <mark>: case-insensitive,
 * longest word first so "天文馆" is marked whole when both "天文" and "天文馆" were asked for.
 */
export function markParts(text: string, terms: string[]): Array<{ text: string; match: boolean }> {
  if (!text || terms.length === 0) return [{ text, match: false }]
  const pattern = new RegExp(
    `(${[...terms]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|')})`,
    'giu',
  )
  return text
    .split(pattern)
    .filter(Boolean)
    .map((part) => ({ text: part, match: terms.includes(part.normalize('NFKC').toLowerCase()) }))
}
