import { useRouteLoaderData } from '@remix-run/react'

/** The hidden CSRF field every admin form carries; the token comes from the admin layout's loader. */
export function CsrfInput() {
  const data = useRouteLoaderData('routes/admin+/_layout') as { csrfToken?: string } | undefined
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ''} />
}
