// Keyword search in SQL (decision 017): every word must be found, as a substring, in the record's text; the
// records whose title holds more of the words come first, then those where the words sit in the heavier fields.
// The same SQL runs on PGlite and PostgreSQL: strpos over lower-cased text, no extension, no LIKE (so no
// wildcard in a word can ever mean "anything"), every word a bound parameter. One builder serves the activities
// (list, map, feeds, API), the venue directory and the 科普菜单.
import { Prisma } from '@prisma/client'
import { KEYWORD_MAX_LENGTH, KEYWORD_MAX_WORDS } from '~/utils/keyword'

export type KeywordColumns = {
  /**
   * A column that already holds all the text below, lower-cased and NFKC-normalised (Event."searchText", kept by
   * triggers): the filter reads it alone. Without one, the fields are joined and lower-cased on every search.
   */
  searchText?: Prisma.Sql
  /** The record's title: a word found here ranks the record first. */
  title: Prisma.Sql
  /** Other text columns (may be NULL) and what finding a word in each is worth. */
  fields: Array<{ text: Prisma.Sql; weight: number }>
  /** An enum column matched through its labels (e.g. the activity type "讲座"): the values whose label holds a word. */
  labels?: { column: Prisma.Sql; matching: (term: string) => string[]; weight: number }
}

export type KeywordSql = {
  /** True when every word is found somewhere. */
  where: Prisma.Sql
  /** How many of the words the title holds (sort descending, first). */
  titleHits: Prisma.Sql
  /** Weighted count of the fields holding each word, a title starting with a word counting extra (then). */
  score: Prisma.Sql
}

/** Words are lower case already, and lower() is the dear part of ranking: a word without letters that have a case
 * (Chinese, digits) is looked for in the text as it is. */
const hasCase = (term: string) => term !== term.toUpperCase()
const folded = (text: Prisma.Sql, term: string) => (hasCase(term) ? Prisma.sql`lower(${text})` : text)
const found = (text: Prisma.Sql, term: string) => Prisma.sql`strpos(${folded(text, term)}, ${term}) > 0`
const worth = (condition: Prisma.Sql, weight: number) => Prisma.sql`(CASE WHEN ${condition} THEN ${weight}::int ELSE 0 END)`

/** `terms` must come from keywordTerms() (lower case, no spaces); none means no keyword search at all. */
export function keywordSql(words: string[], columns: KeywordColumns): KeywordSql | undefined {
  // The URL's parser refuses longer queries with a message; a caller that skipped it still gets a bounded query.
  const terms = words.slice(0, KEYWORD_MAX_WORDS).map((term) => term.slice(0, KEYWORD_MAX_LENGTH))
  if (terms.length === 0) return undefined
  // One pass per word over all the text: the fields joined by a space, which no word contains, so no word is
  // found across two fields.
  const haystack =
    columns.searchText ?? Prisma.sql`lower(concat_ws(' ', ${Prisma.join([columns.title, ...columns.fields.map((f) => f.text)], ', ')}))`
  const inText = (term: string) => Prisma.sql`strpos(${haystack}, ${term}) > 0`
  const labelMatch = (term: string) => {
    const values = columns.labels?.matching(term) ?? []
    return values.length ? Prisma.sql`${columns.labels!.column}::text IN (${Prisma.join(values)})` : undefined
  }
  const where = terms.map((term) => {
    const label = labelMatch(term)
    return label ? Prisma.sql`(${inText(term)} OR ${label})` : inText(term)
  })
  const titleHits = terms.map((term) => worth(found(columns.title, term), 1))
  const score = terms.flatMap((term) => {
    const label = labelMatch(term)
    return [
      worth(Prisma.sql`strpos(${folded(columns.title, term)}, ${term}) = 1`, 2),
      ...columns.fields.map((f) => worth(found(f.text, term), f.weight)),
      ...(label && columns.labels ? [worth(label, columns.labels.weight)] : []),
    ]
  })
  return {
    where: Prisma.sql`(${Prisma.join(where, ' AND ')})`,
    titleHits: Prisma.sql`(${Prisma.join(titleHits, ' + ')})`,
    score: Prisma.sql`(${Prisma.join(score, ' + ')})`,
  }
}
