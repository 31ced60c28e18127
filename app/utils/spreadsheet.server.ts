// The .xlsx twin of every staff CSV export: the same rows (so the same masking, and the same audit entry when full
// numbers are asked for), written with exceljs. Instants become real date cells showing Shanghai wall-clock time
// (Excel has no time zones, so the cell holds the Shanghai time as if it were UTC), formatted yyyy-mm-dd hh:mm.
// Text is always a text cell (never a formula), so nothing needs quoting away as in the CSV.
import ExcelJS from 'exceljs'
import type { ExportRows } from '~/utils/csv.server'

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const shanghaiOffsetMs = 8 * 3600_000
const dateFormat = 'yyyy-mm-dd hh:mm'

/** The Shanghai wall-clock time of `instant`, as the UTC date Excel and exceljs read it as. */
export const shanghaiWallClock = (instant: Date) => new Date(instant.getTime() + shanghaiOffsetMs)

// Rough display width: a CJK character takes two columns.
const displayWidth = (text: string) => [...text].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0)

export async function excelWorkbook(rows: ExportRows, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.created = new Date(0) // the same rows make the same file
  workbook.modified = new Date(0)
  // Sheet names: at most 31 characters, none of : \ / ? * [ ]
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  const [header = [], ...body] = rows
  const widths = header.map((cell) => displayWidth(String(cell ?? '')))
  sheet.addRow(header).font = { bold: true }
  for (const record of body) {
    const row = sheet.addRow(record.map((cell) => (cell instanceof Date ? shanghaiWallClock(cell) : cell)))
    record.forEach((cell, i) => {
      if (cell instanceof Date) row.getCell(i + 1).numFmt = dateFormat
      const width = cell instanceof Date ? dateFormat.length : displayWidth(String(cell ?? ''))
      widths[i] = Math.max(widths[i] ?? 0, width)
    })
  }
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = Math.min(Math.max(width + 2, 8), 60)
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** An .xlsx download: `fallbackName` (ASCII) for old clients, `name` (Chinese) for the rest; never cached. */
export async function xlsxDownload(rows: ExportRows, { fallbackName, name }: { fallbackName: string; name: string }): Promise<Response> {
  const body = await excelWorkbook(rows, name.replace(/\.xlsx$/, ''))
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': xlsxContentType,
      'Content-Disposition': `attachment; filename="${fallbackName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
