import { defaultTiles, tileProviders, type MapDatum, type TileConfig } from '~/utils/map-config'

/**
 * The tile provider from the environment: MAP_TILE_PROVIDER = osm (default) | tianditu (needs TIANDITU_KEY) |
 * amap; or any provider by MAP_TILE_URL (+ MAP_TILE_SUBDOMAINS, MAP_TILE_MAX_ZOOM, MAP_TILE_DATUM=WGS84|GCJ02).
 * MAP_TILE_ATTRIBUTION replaces the attribution (e.g. to add the provider's 审图号).
 */
export function tileConfig(env: Record<string, string | undefined> = process.env): TileConfig {
  const config = chooseProvider(env)
  return env.MAP_TILE_ATTRIBUTION ? { ...config, attribution: env.MAP_TILE_ATTRIBUTION } : config
}

function chooseProvider(env: Record<string, string | undefined>): TileConfig {
  if (env.MAP_TILE_URL) {
    return {
      provider: 'custom',
      layers: [{ url: env.MAP_TILE_URL, subdomains: env.MAP_TILE_SUBDOMAINS || 'abc' }],
      attribution: defaultTiles.attribution,
      maxZoom: Number(env.MAP_TILE_MAX_ZOOM) || 18,
      datum: (env.MAP_TILE_DATUM === 'GCJ02' ? 'GCJ02' : 'WGS84') satisfies MapDatum,
    }
  }
  switch (env.MAP_TILE_PROVIDER) {
    case 'amap':
      return tileProviders.amap()
    case 'tianditu':
      if (env.TIANDITU_KEY) return tileProviders.tianditu(env.TIANDITU_KEY)
      console.warn('MAP_TILE_PROVIDER=tianditu needs TIANDITU_KEY; using OpenStreetMap tiles')
      return defaultTiles
    default:
      return defaultTiles
  }
}
