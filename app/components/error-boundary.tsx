// One error page for every boundary (as Epic's GeneralErrorBoundary): the status's own title, and the message the
// loader or action threw with it (`httpError`), in the reader's language. Never a stack trace.
import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { isErrorData } from '~/utils/http-errors'
import { useLocale } from '~/utils/i18n'
import { say } from '~/utils/refusal'

export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useLocale()
  const response = isRouteErrorResponse(error) ? error : null
  const message =
    response && isErrorData(response.data)
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
      ? t('site.notFoundText')
      : status === 403
        ? t('site.forbiddenText')
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
