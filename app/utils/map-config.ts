// Map settings that reach the browser. The tile provider is configuration (MAP_TILE_URL and friends);
// markers never depend on tiles, so the map still works where no tile server can be reached.
export type TileConfig = { url: string; attribution: string; maxZoom: number; subdomains: string }

export const SHANGHAI_CENTER = { lat: 31.12, lng: 121.3 } as const

export const defaultTiles: TileConfig = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> 贡献者',
  maxZoom: 19,
  subdomains: 'abc',
}
