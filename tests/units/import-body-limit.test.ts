// The HTTP server's body limit (decision 014) keeps 64 KB for every post but the staff spreadsheet upload
// (decision 019): a file of up to 5 MB from signed-in staff, and up to twice that reaches the page (which says the
// file is too large); more is refused with 413 before Remix, and so is anything over 64 KB from anyone else.
import express from 'express'
import { afterEach, expect, it } from 'vitest'
import { IMPORT_MAX_FILE_BYTES, IMPORT_PATH } from '~/models/spreadsheet-import/limits'
import { bodyLimitFor, MAX_BODY_BYTES, readBoundedBody } from '../../server/request-guards'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function start(): Promise<string> {
  const app = express()
  // Stands in for the session look-up (fromSignedInStaff): this test's staff send the cookie `staff=yes`.
  app.use(readBoundedBody(bodyLimitFor(async (req) => req.headers.cookie === 'staff=yes')))
  app.all('*', (req, res) => res.json({ bytes: req.boundedBody?.length ?? 0 }))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server!.once('listening', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

const post = (url: string, bytes: number, cookie = 'staff=yes') =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'multipart/form-data; boundary=x', Cookie: cookie },
    body: new Uint8Array(bytes),
  })

it('lets uploads of up to 10 MB through to the import page only', async () => {
  const base = await start()
  const fiveMegabytes = IMPORT_MAX_FILE_BYTES
  const upload = await post(`${base}${IMPORT_PATH}`, fiveMegabytes)
  expect(upload.status).toBe(200)
  expect(await upload.json()).toEqual({ bytes: fiveMegabytes })
  expect((await post(`${base}${IMPORT_PATH}`, 2 * fiveMegabytes)).status).toBe(200)
  expect((await post(`${base}${IMPORT_PATH}`, 2 * fiveMegabytes + 1)).status).toBe(413)
  expect((await post(`${base}/admin/venues/new`, MAX_BODY_BYTES + 1)).status).toBe(413)
  expect((await post(`${base}${IMPORT_PATH}/abc`, MAX_BODY_BYTES + 1)).status).toBe(413)
})

it('gives anyone who is not signed-in staff the usual 64 KB on the import page (issue 24)', async () => {
  const base = await start()
  expect((await post(`${base}${IMPORT_PATH}`, MAX_BODY_BYTES, 'staff=no')).status).toBe(200)
  expect((await post(`${base}${IMPORT_PATH}`, MAX_BODY_BYTES + 1, 'staff=no')).status).toBe(413)
  expect((await post(`${base}${IMPORT_PATH}`, 10 * 1024 * 1024, '')).status).toBe(413)
})
