// Errors a loader or action throws as an HTTP answer: a status and a message the error boundary shows. Public
// pages pass a catalogue key (shown in the reader's language), staff pages plain Chinese text. The boundary
// reads `error.data.message`; a thrown Response without it gets the status's own words.
import { json } from '@remix-run/node'
import { localized, type Localized } from '~/utils/refusal'

export type ErrorData = { message: string | Localized }

export function httpError(status: number, message: string | Localized, init?: { headers?: HeadersInit }): Response {
  return json({ message } satisfies ErrorData, { status, headers: init?.headers })
}

export const notFound = (message: string | Localized = localized('site.notFoundText')) => httpError(404, message)
export const forbidden = (message: string | Localized = localized('site.forbiddenText')) => httpError(403, message)

/** What a page needs, or a 404 (as Epic's invariantResponse): `const event = orNotFound(await findEvent(slug))`. */
export function orNotFound<T>(value: T | null | undefined, message?: string | Localized): T {
  if (value === null || value === undefined) throw notFound(message)
  return value
}

export function isErrorData(data: unknown): data is ErrorData {
  return (
    typeof data === 'object' &&
    data !== null &&
    'message' in data &&
    (typeof data.message === 'string' || (typeof data.message === 'object' && data.message !== null && 'key' in data.message))
  )
}
