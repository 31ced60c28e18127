import { defaultTiles, type TileConfig } from '~/utils/map-config'

/** The tile provider from the environment; OpenStreetMap when none is set. */
export function tileConfig(): TileConfig {
  return {
    url: process.env.MAP_TILE_URL || defaultTiles.url,
    attribution: process.env.MAP_TILE_ATTRIBUTION || defaultTiles.attribution,
    maxZoom: Number(process.env.MAP_TILE_MAX_ZOOM) || defaultTiles.maxZoom,
    subdomains: process.env.MAP_TILE_SUBDOMAINS || defaultTiles.subdomains,
  }
}
