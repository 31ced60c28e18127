// Whole numbers typed into staff forms (seats, days, people, years): one shape, each field naming its own limits in
// the words staff read. conform hands zod a number, or a string when the box holds something else.
import { z } from 'zod'

type Bound = [limit: number, message: string]

/**
 * Numbers are typed as plain decimals: conform turns a box's text into a number with `Number()`, which reads
 * `0x10` as 16 and `1e2` as 100 (issue 24). Any other text becomes NaN here, refused as not a number; an empty box
 * stays empty (required).
 */
export function plainDecimal<Schema extends z.ZodTypeAny>(schema: Schema) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' && !/^\s*[+-]?\d+(\.\d+)?\s*$/.test(value) ? Number.NaN : value),
    schema,
  )
}

export function wholeNumber({
  required,
  notNumber = '请填写数字',
  notWhole = '请填写整数',
  min,
  max,
}: {
  required?: string
  notNumber?: string
  notWhole?: string
  min: Bound
  max: Bound
}) {
  return plainDecimal(
    z
      .number({ required_error: required, invalid_type_error: notNumber })
      .int(notWhole)
      .min(...min)
      .max(...max),
  )
}
