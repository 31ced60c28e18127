// The keyword search box of the home page, the venue directory and the 科普菜单 (decision 017), and the <mark>
// that shows the words it found. The box is a field of the page's GET form, so `q=` lives in the URL with the
// other filters and works without JavaScript.
import { useLocale } from '~/utils/i18n'
import { KEYWORD_MAX_LENGTH, markParts, type KeywordProblem } from '~/utils/keyword'

export function KeywordField({
  label,
  value,
  problem,
  invalidValue,
}: {
  label: string
  value?: string
  problem?: KeywordProblem
  /** What was typed when it was refused, kept in the box (cut to the box's length) so it can be corrected. */
  invalidValue?: string | null
}) {
  const { t } = useLocale()
  const shown = value ?? (problem ? (invalidValue ?? '').slice(0, KEYWORD_MAX_LENGTH) : '')
  return (
    <div className="field keyword-field">
      <label htmlFor="q">{label}</label>
      <div className="keyword-row">
        <input
          id="q"
          name="q"
          type="search"
          enterKeyHint="search"
          maxLength={KEYWORD_MAX_LENGTH}
          placeholder={t('search.placeholder')}
          defaultValue={shown}
          {...(problem ? { 'aria-invalid': true, 'aria-describedby': 'q-error' } : {})}
        />
        <button type="submit" className="primary">
          {t('search.button')}
        </button>
      </div>
      {problem ? (
        <p id="q-error" className="field-error">
          {t(problem)}
        </p>
      ) : null}
    </div>
  )
}

/** `text` with the searched words marked. */
export function Marked({ text, terms }: { text: string; terms: string[] }) {
  if (terms.length === 0) return <>{text}</>
  return <>{markParts(text, terms).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>
}
