// Redirect targets (decision 014): only a path on this site survives, checked after the URL is parsed.
import { describe, expect, it } from 'vitest'
import { safeRedirect } from '~/utils/auth.server'

describe('safeRedirect', () => {
  it('keeps paths on this site with their query and fragment', () => {
    expect(safeRedirect('/admin/events?page=2#top')).toBe('/admin/events?page=2#top')
    expect(safeRedirect('/venues/%E6%9D%BE', '/')).toBe('/venues/%E6%9D%BE')
    expect(safeRedirect('/passport', '/')).toBe('/passport')
  })

  it('refuses everything that could leave the site or break the Location header', () => {
    for (const target of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/\x00/evil.example',
      '/\x7f',
      '//evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '\\\\evil.example',
      '/./\\/evil.example',
      '/.//evil.example',
      'https://evil.example/',
      // eslint-disable-next-line no-script-url
      'javascript:alert(1)',
      ' /admin',
      '',
      null,
      undefined,
      `/${'a'.repeat(3000)}`,
    ])
      expect(safeRedirect(target, '/fallback'), JSON.stringify(target)).toBe('/fallback')
  })
})
