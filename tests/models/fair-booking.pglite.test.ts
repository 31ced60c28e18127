import { fairBookingRules } from './fair-booking-rules'

fairBookingRules('pglite')
