import { describe, expect, it } from 'vitest'
import { afterQuietHours, beforeQuietHours, isQuietHour } from '~/utils/quiet-hours'

// Shanghai is UTC+8: 21:00 Shanghai = 13:00 UTC, 08:00 Shanghai = 00:00 UTC.
const at = (iso: string) => new Date(iso)

describe('quiet hours (21:00–08:00 Shanghai)', () => {
  it('knows the edges', () => {
    expect(isQuietHour(at('2026-12-02T12:59:00Z'))).toBe(false) // 20:59
    expect(isQuietHour(at('2026-12-02T13:00:00Z'))).toBe(true) // 21:00
    expect(isQuietHour(at('2026-12-02T23:59:00Z'))).toBe(true) // 07:59
    expect(isQuietHour(at('2026-12-03T00:00:00Z'))).toBe(false) // 08:00
  })
  it('moves a time in quiet hours to the morning after, or to the evening before', () => {
    expect(afterQuietHours(at('2026-12-02T15:00:00Z')).toISOString()).toBe('2026-12-03T00:00:00.000Z') // 23:00 -> 08:00 next day
    expect(afterQuietHours(at('2026-12-02T18:00:00Z')).toISOString()).toBe('2026-12-03T00:00:00.000Z') // 02:00 -> 08:00 same day
    expect(afterQuietHours(at('2026-12-02T03:00:00Z')).toISOString()).toBe('2026-12-02T03:00:00.000Z') // 11:00 stays
    expect(beforeQuietHours(at('2026-12-02T18:00:00Z')).toISOString()).toBe('2026-12-02T12:59:00.000Z') // 02:00 -> 20:59 before
    expect(beforeQuietHours(at('2026-12-02T14:00:00Z')).toISOString()).toBe('2026-12-02T12:59:00.000Z') // 22:00 -> 20:59 same evening
  })
})
