// The import pages' forms (decision 019), parsed the same way on the browser and the server.
import { z } from 'zod'
import { IMPORT_MAX_FILE_BYTES } from '~/models/spreadsheet-import/limits'

export const tooLargeMessage = `文件超过 ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB；请分成几个文件上传。`

/** What a sheet holds: venues, or activities with their sessions (one row per session). */
export const IMPORT_KINDS = ['venues', 'events'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]
export const importKindLabel: Record<ImportKind, string> = { venues: '场馆', events: '活动和场次' }

export const importKindField = z.enum(IMPORT_KINDS, {
  required_error: '请选择要导入的内容',
  invalid_type_error: '请选择要导入的内容',
})

/** A file part: the browser's File, or the one Remix's upload handler makes on the server (not the global File class). */
type UploadedFile = { name: string; size: number; arrayBuffer: () => Promise<ArrayBuffer> }
const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' &&
  value !== null &&
  'name' in value &&
  'size' in value &&
  typeof (value as UploadedFile).arrayBuffer === 'function'

/** The upload: what the sheet holds and the file (its size and type are checked where it is read). */
export const uploadSchema = z.object({
  kind: importKindField,
  file: z
    .custom<UploadedFile>(isUploadedFile, { message: '请选择 .xlsx 或 .csv 文件' })
    .refine((file) => file.size > 0, '请选择 .xlsx 或 .csv 文件')
    .refine((file) => file.size <= IMPORT_MAX_FILE_BYTES, tooLargeMessage),
})

/** The preview's buttons: import every row, only the good rows, or drop the upload. */
export const importActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('import-all') }),
  z.object({ intent: z.literal('import-good') }),
  z.object({ intent: z.literal('discard') }),
])
