// The import pages' forms (decision 019), parsed the same way on the browser and the server.
import { z } from 'zod'

export const importKindField = z.enum(['venues', 'events'], {
  required_error: '请选择要导入的内容',
  invalid_type_error: '请选择要导入的内容',
})

/** The upload: what the sheet holds and the file (its size and type are checked where it is read). */
export const uploadSchema = z.object({
  kind: importKindField,
  file: z.instanceof(File, { message: '请选择 .xlsx 或 .csv 文件' }).refine((file) => file.size > 0, '请选择 .xlsx 或 .csv 文件'),
})

/** The preview's buttons: import every row, only the good rows, or drop the upload. */
export const importActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('import-all') }),
  z.object({ intent: z.literal('import-good') }),
  z.object({ intent: z.literal('discard') }),
])
