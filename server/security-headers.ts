// The security headers of every response the portal sends: pages, data requests, resource routes, 404s, errors and
// static files (decision 008). Set once here rather than per route, so a route added later cannot forget them; a
// header a route sets itself (Referrer-Policy: no-referrer on private links) wins over the default.
import { randomBytes } from 'node:crypto'
import type { TileConfig } from '../app/utils/infra/map-config'

// Random bytes are drawn 4 KB at a time, as Node does for randomUUID: one call to the system's generator per 256
// pages instead of one per page.
let randomPool = Buffer.alloc(0)
let poolOffset = 0
/** A fresh Content-Security-Policy nonce per request for Remix's inline scripts: 16 random bytes (128 bits), base64, as CSP 3 suggests. */
export function createNonce(): string {
  if (poolOffset + 16 > randomPool.length) {
    randomPool = randomBytes(4096)
    poolOffset = 0
  }
  poolOffset += 16
  return randomPool.toString('base64', poolOffset - 16, poolOffset)
}

/** The origins a tile layer loads images from: one per subdomain when its URL has `{s}` in the host. */
export function tileOrigins(tiles: TileConfig): string[] {
  const origins = new Set<string>()
  for (const layer of tiles.layers) {
    const hosts = layer.url.includes('{s}') ? [...(layer.subdomains || 'a')].map((s) => layer.url.replaceAll('{s}', s)) : [layer.url]
    for (const url of hosts) {
      try {
        origins.add(new URL(url).origin)
      } catch {
        console.warn(`map tile URL is not a URL, its images are not allowed by the CSP: ${layer.url}`)
      }
    }
  }
  return [...origins]
}

/**
 * Leaflet and React's server-rendered `style` attributes need inline styles, and a nonce in style-src would turn
 * 'unsafe-inline' off, so styles have none; scripts run only from /build or with this request's nonce.
 */
export function contentSecurityPolicy(nonce: string, imageOrigins: string[], frameAncestors = "'none'"): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src ${["'self'", 'data:', ...imageOrigins].join(' ')}`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `media-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors ${frameAncestors}`,
  ].join('; ')
}

// The one kind of page another site may frame: the activities widget (decision 037), from the sites
// EMBED_FRAME_ANCESTORS names (any site when unset). Every other answer: no site, not even this one.
const embedPages = /^\/embed\//
export const isEmbedPage = (pathname: string) => embedPages.test(pathname)

// Browser features a page may use: the camera (and autoplay of its video) only where staff scan QR codes, the
// location only where "near me" is. A policy belongs to the document, so links into these pages reload it.
const cameraPages = [/^\/admin\/sessions\/[^/]+\/check-in\/?$/, /^\/admin\/passport\/?$/]
const locationPages = [/^\/$/]
const features = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]

const policyAllowing = (allowed: string[]) =>
  features.map((feature) => `${feature}=${allowed.includes(feature) ? '(self)' : '()'}`).join(', ')
// Three policies in all, written once rather than per request.
const cameraPolicy = policyAllowing(['camera', 'autoplay'])
const locationPolicy = policyAllowing(['geolocation'])
const closedPolicy = policyAllowing([])

export function permissionsPolicy(pathname: string): string {
  // The scanner plays the camera's stream in a <video>; a slow permission prompt can outlast the click's activation.
  if (cameraPages.some((page) => page.test(pathname))) return cameraPolicy
  return locationPages.some((page) => page.test(pathname)) ? locationPolicy : closedPolicy
}

// Pages whose URL carries a secret token: never cached, and the URL never sent on by Referer, whatever the answer
// (a 404 for an expired token too). Their loaders say the same; this also covers errors and data requests.
const privateLinks = /^\/(r|school-visits\/r|menu\/orders|admin\/set-password|volunteers\/verify|volunteers\/me\/certificates)\/[^/]/
export const isPrivateLink = (pathname: string) => privateLinks.test(pathname)

export function securityHeaders({
  pathname,
  nonce,
  https,
  imageOrigins,
  embedAncestors = '*',
}: {
  pathname: string
  nonce: string
  https: boolean
  imageOrigins: string[]
  /** Who may frame the widget (EMBED_FRAME_ANCESTORS): `*` or a list of sources. */
  embedAncestors?: string
}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(nonce, imageOrigins, isEmbedPage(pathname) ? embedAncestors : "'none'"),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': isPrivateLink(pathname) ? 'no-referrer' : 'strict-origin-when-cross-origin',
    'Permissions-Policy': permissionsPolicy(pathname),
    // Staff answers (pages, redirects to sign in, errors, files) and private links are never cached.
    ...(isPrivateLink(pathname) || /^\/admin(\/|$)/.test(pathname) ? { 'Cache-Control': 'private, no-store' } : {}),
    // Browsers ignore it over HTTP; sent over HTTPS only, so a portal on a local network over HTTP stays usable.
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  }
}
