import { messageDeliveryRules } from './message-delivery-rules'

messageDeliveryRules('pglite')
