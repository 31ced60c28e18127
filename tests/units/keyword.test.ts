// The words of a keyword query and the parts of a text they mark (decision 017).
import { describe, expect, it } from 'vitest'
import { filtersToSearch, parseEventFilters } from '~/utils/event-filters'
import { categoriesMatching, keywordTerms, markParts, menuKindsMatching, parseKeyword } from '~/utils/keyword'

describe('keyword queries', () => {
  it('split at spaces and punctuation, fold case and full-width forms, and drop duplicates', () => {
    expect(keywordTerms('  天文，机器人 天文 ')).toEqual(['天文', '机器人'])
    expect(keywordTerms('ＡＩ Robot')).toEqual(['ai', 'robot'])
    expect(keywordTerms('100%_\\x')).toEqual(['100', 'x'])
    expect(keywordTerms('%_\\')).toEqual([])
    expect(parseKeyword('')).toEqual({})
    expect(parseKeyword('《三体》')).toEqual({ q: '《三体》' })
    expect(parseKeyword('。。。')).toEqual({ problem: 'search.problem.noWords' })
    expect(parseKeyword('a'.repeat(51))).toEqual({ problem: 'search.problem.long' })
  })

  it('stay in the URL with the other filters', () => {
    const { filters } = parseEventFilters(new URLSearchParams('q=天文 讲座&district=songjiang&page=2'))
    expect(filters).toMatchObject({ q: '天文 讲座', district: 'songjiang', page: 2 })
    expect(parseEventFilters(new URLSearchParams(filtersToSearch(filters).slice(1))).filters).toEqual(filters)
  })

  it('match activity types and 菜单 forms by their names in either language', () => {
    expect(categoriesMatching('讲座')).toEqual(['LECTURE'])
    expect(categoriesMatching('talk')).toEqual(['LECTURE'])
    expect(categoriesMatching('天文')).toEqual([])
    expect(menuKindsMatching('科学秀')).toEqual(['SCIENCE_SHOW'])
  })

  it('mark every word in a text, the longest first, whatever its case', () => {
    expect(markParts('上海天文馆 AI 展', ['天文', '天文馆', 'ai'])).toEqual([
      { text: '上海', match: false },
      { text: '天文馆', match: true },
      { text: ' ', match: false },
      { text: 'AI', match: true },
      { text: ' 展', match: false },
    ])
    expect(markParts('a.b', ['.'])).toEqual([
      { text: 'a', match: false },
      { text: '.', match: true },
      { text: 'b', match: false },
    ])
    expect(markParts('无', [])).toEqual([{ text: '无', match: false }])
  })
})
