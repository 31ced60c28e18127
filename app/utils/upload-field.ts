// A file field in a form's schema (decision 038), the same on the browser and the server. The browser checks only
// that a file was chosen; the form pipeline (`handleForm` with `files`) holds it to its limit while reading and
// checks it by its content before the schema sees it, so on the server the value is a File typed by what it is.
import { z } from 'zod'
import type { TFunction } from 'i18next'

export function uploadField(t: TFunction) {
  return z.instanceof(File, { message: t('upload.empty') }).refine((file) => file.size > 0, t('upload.empty'))
}
