// The home list's pages: previous, the page numbers around this one (with the first and the last), next. Plain links
// that keep every other filter in the URL, so paging works without JavaScript and a page can be shared.
import { Link } from '@remix-run/react'
import { filtersToSearch, type EventFilters } from '~/utils/event-filters'
import { useLocale } from '~/utils/i18n'

/** The page numbers to link: the first, the last, and two either side of `page`; `null` where numbers are skipped. */
export function pageWindow(page: number, pages: number): Array<number | null> {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b)
  return shown.flatMap((p, i) => (i > 0 && p - shown[i - 1] > 1 ? [null, p] : [p]))
}

/** `capped`: the count stopped at its cap, so pages may go on past the last number shown. */
export function HomePager({
  filters,
  pages,
  hasNext,
  capped,
}: {
  filters: EventFilters
  pages: number
  hasNext: boolean
  capped: boolean
}) {
  const { t } = useLocale()
  const page = filters.page
  const to = (p: number) => filtersToSearch(filters, { page: p }) || '/'
  const last = Math.max(pages, page)
  return (
    <nav aria-label={t('home.paging')} className="pager">
      {page > 1 ? (
        <Link to={to(page - 1)} rel="prev">
          {t('home.previous')}
        </Link>
      ) : null}
      <ol className="page-numbers">
        {pageWindow(page, last).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span aria-current="page" className="page-current">
                  <span className="visually-hidden">{t('home.pageOf', { page, pages: `${last}${capped ? '+' : ''}` })}</span>
                  <span aria-hidden="true">{p}</span>
                </span>
              ) : (
                <Link to={to(p)} aria-label={t('home.pageNumber', { page: p })}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
      </ol>
      {hasNext ? (
        <Link to={to(page + 1)} rel="next">
          {t('home.next')}
        </Link>
      ) : null}
    </nav>
  )
}
