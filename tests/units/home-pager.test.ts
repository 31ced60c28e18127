import { expect, it } from 'vitest'
import { pageWindow } from '~/routes/_find+/__pager'

it('links the first and last pages and two either side of this one, with gaps where numbers are skipped', () => {
  expect(pageWindow(1, 1)).toEqual([1])
  expect(pageWindow(1, 3)).toEqual([1, 2, 3])
  expect(pageWindow(1, 10)).toEqual([1, 2, 3, null, 10])
  expect(pageWindow(5, 10)).toEqual([1, null, 3, 4, 5, 6, 7, null, 10])
  expect(pageWindow(4, 10)).toEqual([1, 2, 3, 4, 5, 6, null, 10])
  expect(pageWindow(10, 10)).toEqual([1, null, 8, 9, 10])
})
