import { registrationsExportAction, registrationsExportLoader } from './__registrations-export.server'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'

// Masked numbers by GET; full numbers only by a POST that names why, and that is logged (see the private module).
export const loader = (args: LoaderFunctionArgs) => registrationsExportLoader(args, 'csv')
export const action = (args: ActionFunctionArgs) => registrationsExportAction(args, 'csv')
