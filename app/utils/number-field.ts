// Whole numbers typed into staff forms (seats, days, people, years): one shape, each field naming its own limits in
// the words staff read. conform hands zod a number, or a string when the box holds something else.
import { z } from 'zod'

type Bound = [limit: number, message: string]

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
  return z
    .number({ required_error: required, invalid_type_error: notNumber })
    .int(notWhole)
    .min(...min)
    .max(...max)
}
