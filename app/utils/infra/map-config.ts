// Map settings that reach the browser. The tile provider is configuration (MAP_TILE_PROVIDER and friends,
// read in map-config.server.ts); markers never depend on tiles, so the map works where no tile server answers.
// Points are stored in WGS-84. Chinese providers such as AMap/高德 draw their tiles in GCJ-02, so on those the
// markers are converted for display (gcoord) and a clicked point is converted back before it is used.
import gcoord from 'gcoord'
import type { Language } from '~/utils/i18n'

export type MapDatum = 'WGS84' | 'GCJ02'
export type TileLayerConfig = { url: string; subdomains: string }
export type TileConfig = { provider: string; layers: TileLayerConfig[]; attribution: string; maxZoom: number; datum: MapDatum }
export type LatLng = { lat: number; lng: number }

export const SHANGHAI_CENTER = { lat: 31.12, lng: 121.3 } as const

/** Each provider's attribution in the page's language (the map's corner is interface text like any other). */
const attributions = {
  osm: {
    'zh-CN': '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> 贡献者',
    en: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  },
  tianditu: {
    'zh-CN': '&copy; <a href="https://www.tianditu.gov.cn/">天地图</a> 国家地理信息公共服务平台',
    en: '&copy; <a href="https://www.tianditu.gov.cn/">Tianditu</a>, National Platform for Common Geospatial Information Services',
  },
  amap: {
    'zh-CN': '&copy; <a href="https://www.amap.com/">高德地图</a>',
    en: '&copy; <a href="https://www.amap.com/">AMap</a>',
  },
} satisfies Record<string, Record<Language, string>>

export const tileProviders = {
  osm: (language: Language = 'zh-CN'): TileConfig => ({
    provider: 'osm',
    layers: [{ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', subdomains: 'abc' }],
    attribution: attributions.osm[language],
    maxZoom: 19,
    datum: 'WGS84',
  }),
  // 天地图 uses CGCS2000, which matches WGS-84 to within centimetres: no conversion. Streets plus Chinese labels.
  tianditu: (key: string, language: Language = 'zh-CN'): TileConfig => ({
    provider: 'tianditu',
    layers: ['vec', 'cva'].map((layer) => ({
      url: `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
      subdomains: '01234567',
    })),
    attribution: attributions.tianditu[language],
    maxZoom: 18,
    datum: 'WGS84',
  }),
  amap: (language: Language = 'zh-CN'): TileConfig => ({
    provider: 'amap',
    layers: [
      { url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}', subdomains: '1234' },
    ],
    attribution: attributions.amap[language],
    maxZoom: 18,
    datum: 'GCJ02',
  }),
}

export const defaultTiles: TileConfig = tileProviders.osm()

/** Where a stored (WGS-84) point is drawn on tiles of `datum`. */
export function toDisplay(point: LatLng, datum: MapDatum): LatLng {
  if (datum === 'WGS84') return point
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02)
  return { lat, lng }
}

/** The stored (WGS-84) point for a point picked on tiles of `datum`. */
export function fromDisplay(point: LatLng, datum: MapDatum): LatLng {
  if (datum === 'WGS84') return point
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.GCJ02, gcoord.WGS84)
  return { lat, lng }
}
