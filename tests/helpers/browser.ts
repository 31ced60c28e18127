// Headless Chromium and axe-core checks for browser tests. Every browser the tests start comes from launchChromium:
// CHROMIUM_PATH when set; otherwise the machine's Chromium or Chrome at its usual path; otherwise the Chromium shipped
// inside the `@sparticuz/chromium` dev dependency, unpacked once per version into node_modules/.cache.
import { execFileSync } from 'node:child_process'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

const require = createRequire(import.meta.url)

const usualPaths: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
}

// A file counts only if it can run: an empty file bind-mounted over /usr/bin/chromium (to test without it) does not.
function runnable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile() && statSync(file).size > 0
  } catch {
    return false
  }
}

export type ChromiumBinary = { executablePath: string; source: string; env?: Record<string, string> }

/**
 * The npm-shipped Chromium, unpacked by the package's own executablePath() in a child process whose TMPDIR is a
 * fresh folder (the package unpacks into the temporary folder and reuses any `chromium` file it finds there), then
 * renamed into place in one step, so a killed unpacking never leaves half a browser and concurrent runs never share
 * one. Its NSS libraries come along (the package unpacks them only on AWS Lambda): a machine without Chromium
 * usually lacks them too.
 */
function npmChromium(): ChromiumBinary {
  // The package exports no package.json: walk up from its entry to its folder.
  let root = path.dirname(require.resolve('@sparticuz/chromium'))
  while (!existsSync(path.join(root, 'package.json'))) root = path.dirname(root)
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  const dir = path.join(process.cwd(), 'node_modules', '.cache', `kepu-chromium-${version}`)
  if (!existsSync(path.join(dir, 'chromium'))) {
    const partial = `${dir}.partial-${process.pid}`
    rmSync(partial, { recursive: true, force: true })
    mkdirSync(partial, { recursive: true })
    const bin = path.join(root, 'bin')
    const script = `const { default: chromium, inflate } = await import('@sparticuz/chromium');
      await chromium.executablePath(${JSON.stringify(bin)});
      await inflate(${JSON.stringify(path.join(bin, 'al2023.tar.br'))});`
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: partial },
      stdio: 'inherit',
      timeout: 300_000,
    })
    try {
      renameSync(partial, dir)
    } catch (error) {
      // Another run unpacked the same version meanwhile: keep theirs.
      rmSync(partial, { recursive: true, force: true })
      if (!existsSync(path.join(dir, 'chromium'))) throw error
    }
  }
  const libraries = [path.join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':')
  return {
    executablePath: path.join(dir, 'chromium'),
    source: `@sparticuz/chromium ${version}`,
    env: { LD_LIBRARY_PATH: libraries },
  }
}

let resolved: ChromiumBinary | undefined

/** Which Chromium the tests use (see the top of this file); unpacks the npm-shipped one on first use. */
export function chromiumBinary(): ChromiumBinary {
  if (resolved) return resolved
  if (process.env.CHROMIUM_PATH) resolved = { executablePath: process.env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
  else {
    const usual = (usualPaths[process.platform] ?? []).find(runnable)
    resolved = usual ? { executablePath: usual, source: 'the machine' } : npmChromium()
  }
  return resolved
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const { executablePath, env } = chromiumBinary()
  return chromium.launch({
    executablePath,
    env: env ? { ...process.env, ...env } : undefined,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  })
}

/** Chromium whose camera shows a video file (Y4M) and needs no permission prompt. */
export function launchChromiumWithCamera(videoFile: string): Promise<Browser> {
  return launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${videoFile}`,
  ])
}

/** The ids of axe-core's serious and critical findings on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Evaluated by the test harness, not added as a <script>: the page's CSP rightly refuses an inline script.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'))
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document)
    return result.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: { id: string; nodes: Array<{ target: string[] }> }) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
}

// Content-Security-Policy violations seen by any watched context in this test file; each test ends with none.
const cspViolations: string[] = []

/**
 * Reports every CSP violation in the context's pages: the `securitypolicyviolation` event (with JavaScript) and
 * Chromium's own "Refused to …" console messages (also without it).
 */
export async function watchCsp(context: BrowserContext): Promise<BrowserContext> {
  await context.exposeBinding('__cspViolation', ({ page }, text: string) => cspViolations.push(`${page.url()}: ${text}`))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      // @ts-expect-error the binding is exposed above
      window.__cspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`)
    })
  })
  context.on('console', (message) => {
    if (/Content Security Policy|^Refused to/.test(message.text())) cspViolations.push(`${message.page()?.url()}: ${message.text()}`)
  })
  return context
}

/** The violations since the last call (and forgets them). */
export const takeCspViolations = () => cspViolations.splice(0)

/**
 * Presses the large-text switch (a plain form post that returns to the page) and waits until the page it returns to
 * has loaded. The new document carries the class on <html> from its first bytes, so a test that read the page as
 * soon as the class showed read a page still streaming in on a loaded machine (its main text cut off mid-word).
 */
export async function switchToLargeText(page: Page, label: '大字模式' | 'Large text' = '大字模式'): Promise<void> {
  await page.getByRole('button', { name: label }).click()
  // A locator, not a poll of this module: the browser's global setup imports it outside a test worker.
  await page.locator('html.large-text').waitFor({ state: 'attached', timeout: 30_000 })
  await page.waitForLoadState('load')
}
