// Headless Chromium (Debian's, never a downloaded one) and axe-core checks for browser tests.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

const require = createRequire(import.meta.url)

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
