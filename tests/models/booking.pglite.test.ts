import { bookingRules } from './booking-rules'

bookingRules('pglite')
