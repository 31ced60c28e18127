import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { withoutNulBytes } from '~/entry.server'

describe('the HTML stream', () => {
  it('drops the NUL bytes React 18 leaves where a Chinese character meets its buffer end, and nothing else', async () => {
    const chunks = [Buffer.concat([Buffer.from('<option value="三'), Buffer.from([0, 0])]), Buffer.from('年级">三年级</option>')]
    expect(await text(Readable.from(chunks).pipe(withoutNulBytes()))).toBe('<option value="三年级">三年级</option>')
  })
})
