// Vitest global setup of the end-to-end project: chooses the browser once before the files start (see
// tests/helpers/browser.ts) and, when it is the npm-shipped Chromium, unpacks it here rather than in two files at once.
import { chromiumBinary } from './browser'

export default function browserOnce() {
  const { executablePath, source } = chromiumBinary()
  if (source.startsWith('@sparticuz/')) console.log(`Browser tests: ${source} (${executablePath})`)
}
