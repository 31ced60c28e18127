// Short codes people read aloud, type or show at a door: letters and digits that cannot be confused (no 0/O, 1/I/L).
import { randomInt } from 'node:crypto'

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** `prefix` plus random characters, `length` in all: e.g. 'S' for school bookings, 'M' for menu orders. */
export function readableCode(length: number, prefix = ''): string {
  return prefix + Array.from({ length: length - prefix.length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
}
