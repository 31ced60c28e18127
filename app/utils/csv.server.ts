// CSV that opens correctly in Excel in China: UTF-8 with a byte-order mark (without it Excel reads GBK and names
// turn to mojibake), CRLF line ends, and cells that would run as formulas (= + - @) quoted away with a '.
import { stringify } from 'csv-stringify/sync'

export function excelCsv(rows: unknown[][]): string {
  const safe = (cell: unknown) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)
  return '\uFEFF' + stringify(rows.map((row) => row.map(safe)), { record_delimiter: 'windows' })
}
