import { env, type Env } from '~/utils/infra/env.server'
import { tileProviders, type TileConfig } from '~/utils/infra/map-config'
import type { Language } from '~/utils/i18n'

export type TileEnv = Pick<
  Env,
  | 'MAP_TILE_PROVIDER'
  | 'TIANDITU_KEY'
  | 'MAP_TILE_URL'
  | 'MAP_TILE_SUBDOMAINS'
  | 'MAP_TILE_MAX_ZOOM'
  | 'MAP_TILE_DATUM'
  | 'MAP_TILE_ATTRIBUTION'
>

/**
 * The tile provider from the checked configuration (env.server.ts): MAP_TILE_PROVIDER = osm (default) | tianditu
 * (needs TIANDITU_KEY) | amap; or any provider by MAP_TILE_URL (+ MAP_TILE_SUBDOMAINS, MAP_TILE_MAX_ZOOM,
 * MAP_TILE_DATUM=WGS84|GCJ02). MAP_TILE_ATTRIBUTION replaces the attribution (e.g. to add the provider's 审图号).
 * Tianditu without a key falls back to OpenStreetMap; that is said once at start (envWarnings), not per page.
 * The attribution is in the page's `language`, except an operator's own (MAP_TILE_ATTRIBUTION), shown as written.
 */
export function tileConfig(config: TileEnv = env, language: Language = 'zh-CN'): TileConfig {
  const tiles = chooseProvider(config, language)
  return config.MAP_TILE_ATTRIBUTION ? { ...tiles, attribution: config.MAP_TILE_ATTRIBUTION } : tiles
}

function chooseProvider(config: TileEnv, language: Language): TileConfig {
  if (config.MAP_TILE_URL) {
    return {
      provider: 'custom',
      layers: [{ url: config.MAP_TILE_URL, subdomains: config.MAP_TILE_SUBDOMAINS }],
      attribution: tileProviders.osm(language).attribution,
      maxZoom: config.MAP_TILE_MAX_ZOOM,
      datum: config.MAP_TILE_DATUM,
    }
  }
  switch (config.MAP_TILE_PROVIDER) {
    case 'amap':
      return tileProviders.amap(language)
    case 'tianditu':
      return config.TIANDITU_KEY ? tileProviders.tianditu(config.TIANDITU_KEY, language) : tileProviders.osm(language)
    default:
      return tileProviders.osm(language)
  }
}
