// 分享: the phone's share sheet where the browser has one (navigator.share), else the link copied to the clipboard,
// and a quiet line that says which happened. Shown only once the page runs JavaScript, since it needs it.
import { useState } from 'react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { useLocale } from '~/utils/i18n'

export function ShareButton({ title, text }: { title: string; text?: string }) {
  const hydrated = useHydrated()
  const { t } = useLocale()
  const [status, setStatus] = useState<'copied' | 'failed' | null>(null)
  if (!hydrated) return null
  const share = async () => {
    const url = window.location.href.split('#')[0]
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, text, url })
        setStatus(null)
        return
      } catch (error) {
        // The person closed the sheet: nothing to say. Any other failure falls back to copying.
        if ((error as Error).name === 'AbortError') return
      }
    }
    try {
      await navigator.clipboard.writeText(url)
      setStatus('copied')
    } catch {
      setStatus('failed')
    }
  }
  return (
    <span className="share">
      <button type="button" className="share-button" onClick={share}>
        {t('share.button')}
      </button>{' '}
      <span role="status" className="hint">
        {status === 'copied' ? t('share.copied') : status === 'failed' ? t('share.failed') : ''}
      </span>
    </span>
  )
}
