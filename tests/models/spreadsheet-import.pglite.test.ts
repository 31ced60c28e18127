import { spreadsheetImportRules } from './spreadsheet-import-rules'

spreadsheetImportRules('pglite')
