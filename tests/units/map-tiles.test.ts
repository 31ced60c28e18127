import { describe, expect, it } from 'vitest'
import { parseEnv, type EnvSource } from '~/utils/infra/env.server'
import { fromDisplay, toDisplay } from '~/utils/infra/map-config'
import { tileConfig as tileConfigOf } from '~/utils/infra/map-config.server'

/** The tiles for these variables, through the same parsing as at start. */
function tileConfig(vars: EnvSource, language?: 'zh-CN' | 'en') {
  const parsed = parseEnv(vars)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return tileConfigOf(parsed.env, language)
}

// 人民广场 in WGS-84. On GCJ-02 tiles (AMap) it is drawn about 215 m south and 430 m east of that, as every
// GCJ-02 map of Shanghai shows it.
const peoplesSquare = { lat: 31.2304, lng: 121.4737 }

describe('map tile providers', () => {
  it('is OpenStreetMap by default, and each provider is chosen by configuration', () => {
    expect(tileConfig({})).toMatchObject({ provider: 'osm', datum: 'WGS84' })
    const tianditu = tileConfig({ MAP_TILE_PROVIDER: 'tianditu', TIANDITU_KEY: 'k&1' })
    expect(tianditu).toMatchObject({ provider: 'tianditu', datum: 'WGS84' })
    expect(tianditu.layers).toHaveLength(2) // streets and Chinese labels
    for (const layer of tianditu.layers) expect(layer.url).toContain('tk=k%261')
    expect(tianditu.attribution).toContain('天地图')
    expect(tileConfig({ MAP_TILE_PROVIDER: 'tianditu' }).provider).toBe('osm') // no key: no broken tiles
    expect(tileConfig({ MAP_TILE_PROVIDER: 'amap' })).toMatchObject({ provider: 'amap', datum: 'GCJ02' })
    expect(tileConfig({ MAP_TILE_PROVIDER: 'amap' }).attribution).toContain('高德地图')
    // English pages name every provider in English; an operator's own attribution is shown as written.
    expect(tileConfig({}, 'en').attribution).toContain('OpenStreetMap</a> contributors')
    expect(tileConfig({}).attribution).toContain('OpenStreetMap</a> 贡献者')
    for (const provider of ['osm', 'tianditu', 'amap'])
      expect(tileConfig({ MAP_TILE_PROVIDER: provider, TIANDITU_KEY: 'k' }, 'en').attribution, provider).not.toMatch(/\p{Script=Han}/u)
    expect(tileConfig({ MAP_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png' }, 'en').attribution).toContain('contributors')
    expect(
      tileConfig({ MAP_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png', MAP_TILE_DATUM: 'GCJ02', MAP_TILE_ATTRIBUTION: '审图号 测试' }),
    ).toMatchObject({ provider: 'custom', datum: 'GCJ02', attribution: '审图号 测试' })
  })

  it("draws a known point where each provider's tiles have it, and converts a click back to WGS-84", () => {
    for (const provider of ['osm', 'tianditu']) {
      const { datum } = tileConfig({ MAP_TILE_PROVIDER: provider, TIANDITU_KEY: 'k' })
      expect(toDisplay(peoplesSquare, datum)).toEqual(peoplesSquare)
    }
    const { datum } = tileConfig({ MAP_TILE_PROVIDER: 'amap' })
    const shown = toDisplay(peoplesSquare, datum)
    expect(shown.lat).toBeCloseTo(31.22846, 4)
    expect(shown.lng).toBeCloseTo(121.47822, 4)
    const back = fromDisplay(shown, datum)
    expect(Math.abs(back.lat - peoplesSquare.lat)).toBeLessThan(1e-5) // about a metre
    expect(Math.abs(back.lng - peoplesSquare.lng)).toBeLessThan(1e-5)
  })
})
