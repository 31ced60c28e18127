import { schoolBookingsExport } from './__export.server'
import type { LoaderFunctionArgs } from '@remix-run/node'

// The bookings of the staff member's venues in one month (YYYY-MM, this month by default); phones masked.
export const loader = ({ request }: LoaderFunctionArgs) => schoolBookingsExport(request, 'xlsx')
