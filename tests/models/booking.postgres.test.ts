import { bookingRules } from './booking-rules'

bookingRules('postgres')
