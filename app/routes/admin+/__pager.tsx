// Previous / next links of a paged staff list, keeping the page's other filters in the URL.
import { Link, useSearchParams } from '@remix-run/react'

export function Pager({ page, pages }: { page: number; pages: number }) {
  const [searchParams] = useSearchParams()
  const pageLink = (p: number) => {
    const next = new URLSearchParams(searchParams)
    next.set('page', String(p))
    return `?${next}`
  }
  return (
    <nav aria-label="分页" className="pager">
      {page > 1 ? <Link to={pageLink(page - 1)}>上一页</Link> : null}
      {page < pages ? <Link to={pageLink(page + 1)}>下一页</Link> : null}
    </nav>
  )
}
