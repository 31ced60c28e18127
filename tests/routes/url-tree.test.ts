// Moving route files must not move a URL: QR codes, private links and bookmarks are already in people's hands.
// `url-tree.before.json` is the tree as it was before the routes moved into feature folders; new URLs are added to
// it as they come (e.g. /admin/fair-booking).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { urlTree } from './url-tree'

it('serves the same URLs, nested the same way, as before the move to feature folders', async () => {
  const before = JSON.parse(readFileSync(path.join(__dirname, 'url-tree.before.json'), 'utf8')) as string[]
  expect(await urlTree()).toEqual(before)
})
