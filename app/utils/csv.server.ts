// CSV that opens correctly in Excel in China: UTF-8 with a byte-order mark (without it Excel reads GBK and names
// turn to mojibake), CRLF line ends, and cells that would run as formulas (= + - @) quoted away with a '.
import { stringify } from 'csv-stringify/sync'

export function excelCsv(rows: unknown[][]): string {
  const safe = (cell: unknown) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)
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
