// The .xlsx twin of every staff CSV export: the same rows (so the same masking, and the same audit entry when full
// numbers are asked for), written with exceljs. Instants become real date cells showing Shanghai wall-clock time
// (Excel has no time zones, so the cell holds the Shanghai time as if it were UTC), formatted yyyy-mm-dd hh:mm.
// Text is always a text cell (never a formula), so nothing needs quoting away as in the CSV.
import ExcelJS from 'exceljs'
import type { ExportRows } from '~/utils/infra/csv.server'

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const shanghaiOffsetMs = 8 * 3600_000
const dateFormat = 'yyyy-mm-dd hh:mm'

/** The Shanghai wall-clock time of `instant`, as the UTC date Excel and exceljs read it as. */
export const shanghaiWallClock = (instant: Date) => new Date(instant.getTime() + shanghaiOffsetMs)

// Rough display width: a CJK character takes two columns.
const displayWidth = (text: string) => [...text].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0)

export type Sheet = { name: string; rows: ExportRows }

export async function excelWorkbook(rows: ExportRows, sheetName: string): Promise<Buffer> {
  return excelWorkbookOfSheets([{ name: sheetName, rows }])
}

/** One sheet per table, in the order given, each with a bold frozen header row. */
export async function excelWorkbookOfSheets(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.created = new Date(0) // the same rows make the same file
  workbook.modified = new Date(0)
  for (const { name, rows } of sheets) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ]
    const sheet = workbook.addWorksheet(name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), {
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
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** An .xlsx download: `fallbackName` (ASCII) for old clients, `name` (Chinese) for the rest; never cached. */
export async function xlsxDownload(rows: ExportRows, names: { fallbackName: string; name: string }): Promise<Response> {
  return xlsxResponse(await excelWorkbook(rows, names.name.replace(/\.xlsx$/, '')), names)
}

/** The same for a workbook of several sheets. */
export async function xlsxDownloadOfSheets(sheets: Sheet[], names: { fallbackName: string; name: string }): Promise<Response> {
  return xlsxResponse(await excelWorkbookOfSheets(sheets), names)
}

function xlsxResponse(body: Buffer, { fallbackName, name }: { fallbackName: string; name: string }): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': xlsxContentType,
      'Content-Disposition': `attachment; filename="${fallbackName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}

// Reading (the import, decision 019). A sheet becomes rows of text: dates (exceljs reads them as Shanghai wall-clock
// time stored as UTC, as they are written above) as YYYY-MM-DDTHH:MM, numbers as JavaScript prints them, formulas
// as their results, rich text and links as their text. A CSV is read as UTF-8, or as GB18030 (what Excel on a
// Chinese Windows saves) when it is not valid UTF-8.

export type SheetReadError = 'type' | 'unreadable' | 'empty'

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 16)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    if ('error' in value) return ''
    return ''
  }
  return String(value)
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0]
  if (!sheet) return []
  const rows: string[][] = []
  const width = sheet.columnCount
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const cells: string[] = []
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim())
    rows.push(cells)
  }
  return rows
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/** RFC 4180: fields separated by commas, quoted with "" when they hold commas, quotes or line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field.trim())
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field.trim())
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length) {
    row.push(field.trim())
    rows.push(row)
  }
  return rows
}

/**
 * The rows of an uploaded .xlsx or .csv file, blank rows left out but counted (row numbers stay the sheet's own:
 * `rows[i].row`). The name's ending and the bytes must agree: an .xlsx is a zip file, a CSV holds no NUL byte.
 */
export async function readSpreadsheet(
  fileName: string,
  bytes: Uint8Array,
): Promise<{ ok: true; rows: Array<{ row: number; cells: string[] }> } | { ok: false; error: SheetReadError }> {
  const name = fileName.toLowerCase()
  const isZip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  let table: string[][]
  if (name.endsWith('.xlsx')) {
    if (!isZip) return { ok: false, error: 'type' }
    try {
      table = await readXlsx(bytes)
    } catch {
      return { ok: false, error: 'unreadable' }
    }
  } else if (name.endsWith('.csv')) {
    if (isZip || bytes.includes(0)) return { ok: false, error: 'type' }
    table = parseCsv(decodeText(bytes))
  } else return { ok: false, error: 'type' }
  const rows = table.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((cell) => cell !== ''))
  return rows.length ? { ok: true, rows } : { ok: false, error: 'empty' }
}

export type TemplateColumn = { heading: string; required?: boolean; note?: string; choices?: string[]; width?: number }

/**
 * An import template: one sheet of headings (required ones bold and marked 必填 in their note), a list to choose
 * from under every heading with choices (Excel's data validation, reading the 选项 sheet), and the 选项 sheet
 * itself, which also lists what `reference` holds (e.g. every district's 街镇).
 */
export async function templateWorkbook(
  sheetName: string,
  columns: TemplateColumn[],
  reference: Array<{ heading: string; values: string[] }>,
  rows = 5000,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.created = new Date(0)
  workbook.modified = new Date(0)
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  const options = workbook.addWorksheet('选项')
  const header = sheet.addRow(columns.map((c) => c.heading))
  header.font = { bold: true }
  let listColumn = 0
  const columnLetter = (n: number) => {
    let s = ''
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s
    return s
  }
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1)
    cell.font = { bold: true, color: column.required ? { argb: 'FFB00020' } : undefined }
    const note = [column.required ? '必填。' : '选填。', column.note ?? ''].join('')
    cell.note = note
    sheet.getColumn(i + 1).width = column.width ?? Math.min(Math.max(displayWidth(column.heading) + 4, 10), 40)
    if (column.choices?.length) {
      listColumn += 1
      const letter = columnLetter(listColumn)
      options.getCell(`${letter}1`).value = column.heading
      options.getCell(`${letter}1`).font = { bold: true }
      column.choices.forEach((choice, k) => (options.getCell(`${letter}${k + 2}`).value = choice))
      const target = columnLetter(i + 1)
      for (let r = 2; r <= rows + 1; r++) {
        sheet.getCell(`${target}${r}`).dataValidation = {
          type: 'list',
          allowBlank: !column.required,
          formulae: [`选项!$${letter}$2:$${letter}$${column.choices.length + 1}`],
          showErrorMessage: true,
          errorTitle: column.heading,
          error: `请从列表中选择${column.heading}`,
        }
      }
    }
  })
  for (const list of reference) {
    listColumn += 1
    const letter = columnLetter(listColumn)
    options.getCell(`${letter}1`).value = list.heading
    options.getCell(`${letter}1`).font = { bold: true }
    list.values.forEach((value, k) => (options.getCell(`${letter}${k + 2}`).value = value))
  }
  for (let c = 1; c <= listColumn; c++) options.getColumn(c).width = 24
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
