// One error page for every boundary (as Epic's GeneralErrorBoundary): the status's own title, and the message the
// loader or action threw with it (`httpError`), in the reader's language. Never a stack trace.
import { isRouteErrorResponse, Link, useLocation, useRouteError } from '@remix-run/react'
import { isErrorData } from '~/utils/http-errors'
import { useLocale } from '~/utils/i18n'
import { say } from '~/utils/refusal'

export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useLocale()
  // Staff pages say what a staff member needs to hear: a record of another organisation is not a stale public link.
  const staffPage = useLocation().pathname.startsWith('/admin')
  const response = isRouteErrorResponse(error) ? error : null
  const publicDefault = response && isErrorData(response.data) && typeof response.data.message === 'object' && response.data.message.key
  const message =
    response &&
    isErrorData(response.data) &&
    !(staffPage && (publicDefault === 'site.notFoundText' || publicDefault === 'site.forbiddenText'))
      ? typeof response.data.message === 'string'
        ? response.data.message
        : say(t, response.data.message)
      : null
  const expired =
    response && isErrorData(response.data) && typeof response.data.message === 'object' && response.data.message.key === 'site.pageExpired'
  const status = response?.status ?? 500
  const title = expired
    ? t('site.pageExpiredTitle')
    : status === 404
      ? t('site.notFoundTitle')
      : status === 403
        ? t('site.forbiddenTitle')
        : status === 409
          ? t('site.conflictTitle')
          : status === 503
            ? t('site.unavailableTitle')
            : t('site.errorTitle')
  const fallback =
    status === 404
      ? t(staffPage ? 'site.staffNotFoundText' : 'site.notFoundText')
      : status === 403
        ? t(staffPage ? 'site.staffForbiddenText' : 'site.forbiddenText')
        : status === 503
          ? t('site.unavailableText')
          : t('site.errorText')
  return (
    <div className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{status >= 500 ? fallback : (message ?? fallback)}</p>
      <p>
        <Link to="/" reloadDocument>
          {t('site.backHome')}
        </Link>
      </p>
    </div>
  )
}
