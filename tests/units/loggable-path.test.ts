// The request log keeps paths, never the private tokens in them (decision 014): a token a client wrote with one
// percent-encoded character or with punctuation stuck to it still reaches the route, so it is cut too (issue 24).
import { expect, it } from 'vitest'
import { loggablePath } from '~/utils/infra/logger.server'

const token = 'Ab3dEf6hIj9kLm2nOp5q'

it('cuts private tokens however they are written, and keeps ordinary paths', () => {
  for (const written of [token, `Ab3d%45f6hIj9kLm2nOp5q`, `${token}%E3%80%82`, `${token}.`, `${token}%2E`, `%20${token}`, '13912345678'])
    expect(loggablePath(`/r/${written}?utm=1`), written).toBe('/r/:token')
  expect(loggablePath('/school-visits/r/' + token + '/calendar.ics')).toBe('/school-visits/r/:token/calendar.ics')
  expect(loggablePath('/events/%E7%A7%91%E6%99%AE')).toBe('/events/%E7%A7%91%E6%99%AE')
  expect(loggablePath('/admin/sessions/new')).toBe('/admin/sessions/new')
  expect(loggablePath('/r/%E0%A4%A')).toBe('/r/%E0%A4%A')
})
