// CSV that opens correctly in Excel in China: UTF-8 with a byte-order mark (without it Excel reads GBK and names
// turn to mojibake), CRLF line ends, and cells that would run as formulas (= + - @) quoted away with a '.
// Instants are written "2026/12/5 09:30" in Shanghai time. The same rows make the .xlsx (spreadsheet.server.ts).
import { stringify } from 'csv-stringify/sync'
import { formatShortDateTime } from '~/utils/format'

/** An export: a heading row, then one row per record; a cell is text, a number, an instant or empty. */
export type ExportRows = (string | number | Date | null)[][]

export function excelCsv(rows: ExportRows): string {
  const safe = (cell: ExportRows[number][number]) =>
    cell instanceof Date ? formatShortDateTime(cell) : typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
  return (
    '\uFEFF' +
    stringify(
      rows.map((row) => row.map(safe)),
      { record_delimiter: 'windows' },
    )
  )
}

/** A CSV download: `fallbackName` (ASCII) for old clients, `name` (Chinese) for the rest; never cached. */
export function csvDownload(csv: string, { fallbackName, name }: { fallbackName: string; name: string }): Response {
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fallbackName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
