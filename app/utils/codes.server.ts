// Short codes people read aloud, type or show at a door: letters and digits that cannot be confused (no 0/O, 1/I/L).
import { randomBytes, randomInt } from 'node:crypto'

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** `prefix` plus random characters, `length` in all: e.g. 'S' for school bookings, 'M' for menu orders. */
export function readableCode(length: number, prefix = ''): string {
  return prefix + Array.from({ length: length - prefix.length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
}

/**
 * A code as typed or scanned (a QR code holds the code itself): upper case, without spaces or dashes, as people type
 * "abcd efgh" or "ABCD-EFGH"; cut short, since no code is longer than 16.
 */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '').slice(0, 16)
}

/**
 * A row id made by the app, for rows written by SQL of its own (Prisma makes the others' cuids): the same shape,
 * 'c' and 24 lower-case letters and digits, time first so ids made together sort together in an index.
 */
export function newRowId(): string {
  const time = Date.now().toString(36).padStart(9, '0')
  const random = Array.from(randomBytes(15), (byte) => (byte % 36).toString(36)).join('')
  return `c${time}${random}`
}
