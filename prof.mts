import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
const build = await import(pathToFileURL(path.resolve('build/index.js')).href)
const { createRequestHandler } = await import('@remix-run/node')
const handler = createRequestHandler(build, 'production')
const urls = process.argv.slice(2)
for (const url of urls) {
  const times: number[] = []
  for (let i = 0; i < 150; i++) {
    const t = performance.now()
    const r = await handler(new Request('http://localhost' + url))
    await r.text()
    times.push(performance.now() - t)
  }
  const m = times.slice(30).sort((a, b) => a - b)
  console.log(url, 'p50', m[60].toFixed(1), 'p95', m[114].toFixed(1))
}
