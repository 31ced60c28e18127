// Limits of the spreadsheet import (decision 019), shared by the HTTP server's body limit, the upload form and
// the model: one file of at most 5 MB (a 5,000-row sheet of venues is about 0.6 MB) and at most 10,000 rows.
export const IMPORT_PATH = '/admin/import'
export const IMPORT_MAX_FILE_BYTES = 5 * 1024 * 1024
export const IMPORT_MAX_ROWS = 10_000
