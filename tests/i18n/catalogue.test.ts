// The English version is only as complete as its catalogue: these checks fail when a public page grows a
// Chinese string outside app/locales, when the catalogues' keys or placeholders drift apart, or when an
// English text still holds Chinese.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import en from '~/locales/en'
import zhCN from '~/locales/zh-CN'
import { tFor } from '~/utils/i18n'

const appDir = path.resolve(__dirname, '../../app')
// Han characters and the full-width punctuation that goes with them (，。：（）“” …).
const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/

/**
 * The modules that make up the public pages, read recursively. Left out, on purpose: staff pages (routes/admin+/,
 * Chinese only, with their private modules), staff-only schemas and helpers, app/models other than the feature schemas (their public messages
 * are catalogue keys, checked by tsc), feeds and data files (calendar, RSS and the JSON API carry the districts' data as
 * published), and map-config (providers' attributions are their own names).
 */
const staffOnly = new Set([
  'utils/staff-text.ts',
  'utils/admin-meta.ts',
  'models/event/schema.ts',
  'models/staff/schema.ts',
  'models/venue/schema.ts',
  'utils/number-field.ts',
  'models/menu/admin-schema.ts',
  'models/school-visit/admin-schema.ts',
  'models/volunteers/admin-schema.ts',
  'models/bases/admin-schema.ts',
  'models/online/admin-schema.ts',
  'models/competitions/admin-schema.ts',
  'models/registration/fair-booking-schema.ts',
  'models/event/series-schema.ts',
  'models/spreadsheet-import/schema.ts',
  'utils/infra/spreadsheet.server.ts',
  'utils/permissions.server.ts',
  'utils/infra/map-config.ts',
  'utils/infra/map-config.server.ts',
])
const staffOrFeeds = /^routes\/(admin\+\/|api\+\/|_seo\+\/|_find\+\/(calendar|feed)\[)|\.calendar\[\.ics\]\.ts$/
function publicModules(): string[] {
  const files: string[] = ['root.tsx']
  for (const dir of ['routes', 'components', 'utils', 'models']) {
    for (const name of (readdirSync(path.join(appDir, dir), { recursive: true }) as string[]).sort()) {
      const file = `${dir}/${name}`
      if (!/\.tsx?$/.test(name) || staffOnly.has(file) || staffOrFeeds.test(file)) continue
      // Of the models, only the feature schemas reach the public pages' forms (the rules speak in catalogue keys).
      if (dir === 'models' && !/schema\.ts$/.test(name)) continue
      files.push(file)
    }
  }
  return files
}

/** Every string literal, template part and JSX text in a module that holds Chinese (comments are not read). */
function chineseStrings(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(path.join(appDir, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteralLike(node) ||
      ts.isJsxText(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const text = node.getText(source)
      if (CHINESE.test(text))
        found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${text.trim().slice(0, 60)}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

type Tree = { [key: string]: string | Tree }
function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  )
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}|<(\d+)>/g)].map((m) => m[0]).sort()

describe('the public pages speak from their catalogue', () => {
  it('has no Chinese text in the public modules outside app/locales', () => {
    const files = publicModules()
    expect(files.length).toBeGreaterThan(30)
    // Feature folders are read however deep; staff pages are not.
    expect(files).toEqual(
      expect.arrayContaining([
        'routes/_registration+/sessions.$sessionId.register.tsx',
        'routes/_menu+/__order-view.tsx',
        // 申请入驻 (decision 040): the public join page and its form's schema.
        'routes/_bases+/bases.join.tsx',
        'models/bases/join-schema.ts',
      ]),
    )
    expect(files.filter((f) => f.startsWith('routes/admin+/'))).toEqual([])
    expect(files.flatMap(chineseStrings)).toEqual([])
  })

  it('finds Chinese where it is (the scan itself works)', () => {
    expect(chineseStrings('utils/staff-text.ts').length).toBeGreaterThan(0)
  })

  it('has every key in both languages, with the same placeholders, and English without Chinese', () => {
    const zhLeaves = new Map(leaves(zhCN as Tree))
    const enLeaves = new Map(leaves(en as Tree))
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort())
    for (const [key, zhText] of zhLeaves) {
      expect(placeholders(enLeaves.get(key)!), key).toEqual(placeholders(zhText))
    }
    // The switch names Chinese in Chinese, and AMap by its Chinese name beside the English one.
    const allowed = new Set(['site.switchLanguage', 'site.switchLanguageLabel', 'venue.openInAmap'])
    const chineseInEnglish = [...enLeaves].filter(([key, text]) => !allowed.has(key) && CHINESE.test(text)).map(([key]) => key)
    expect(chineseInEnglish).toEqual([])
  })

  it('fills placeholders and nested keys in both languages', () => {
    expect(tFor('zh-CN')('school.errors.gradeNotTaken', { course: '天文课', grade: 'G3' })).toBe('“天文课”不接待三年级学生。')
    expect(tFor('en')('school.errors.gradeNotTaken', { course: 'Astronomy', grade: 'G3' })).toBe('"Astronomy" is not for Grade 3 students.')
    expect(tFor('en')('register.seatsLeft', { left: 3, capacity: 20 })).toBe('3 of 20 seats left')
    expect(tFor('zh-CN')('join.errors.tooMany', { minutes: 5 })).toBe('提交次数过多，请 5 分钟后再试')
    expect(tFor('en')('organisationKind.BASE_OPERATOR')).toBe('Operator of a science base')
  })
})
