// The widget's one line for another site (decision 037): the script tag (it inserts the iframe) and the iframe
// itself, each in a read-only field with a copy button once the page runs JavaScript.
import { useState } from 'react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { useLocale } from '~/utils/i18n'

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const hydrated = useHydrated()
  const { t } = useLocale()
  const [copied, setCopied] = useState(false)
  return (
    <div className="embed-field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} className="copy-field" readOnly rows={3} value={value} onFocus={(e) => e.currentTarget.select()} />
      {hydrated ? (
        <button
          type="button"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value)
              setCopied(true)
            } catch {
              document.getElementById(id)?.focus()
            }
          }}
        >
          {t('embed.copy')}
        </button>
      ) : null}
      <span role="status" className="hint">
        {copied ? t('embed.copied') : ''}
      </span>
    </div>
  )
}

/** `filter`: what the widget shows (`venue` or `district` slug); `origin`: PUBLIC_URL's. */
export function EmbedSnippet({ id, origin, filter }: { id: string; origin: string; filter: { venue?: string; district?: string } }) {
  const { t, language } = useLocale()
  const params = new URLSearchParams({ ...filter, ...(language === 'en' ? { lang: 'en' } : {}) })
  const data = Object.entries(filter)
    .map(([name, value]) => ` data-${name}="${value}"`)
    .join('')
  const script = `<script src="${origin}/embed.js"${data}${language === 'en' ? ' data-lang="en"' : ''} async></script>`
  const iframe = `<iframe src="${origin}/embed/activities?${params}" title="${t('embed.title')}" width="100%" height="420" style="border:0" loading="lazy"></iframe>`
  return (
    <details className="embed-snippet" id={id}>
      <summary>{t('embed.heading')}</summary>
      <p className="hint">{t('embed.intro')}</p>
      <CopyField id={`${id}-script`} label={t('embed.scriptLabel')} value={script} />
      <CopyField id={`${id}-iframe`} label={t('embed.iframeLabel')} value={iframe} />
      <p>
        <a href={`/embed/activities?${params}`} target="_blank" rel="noopener noreferrer">
          {t('embed.preview')}
        </a>
      </p>
    </details>
  )
}
