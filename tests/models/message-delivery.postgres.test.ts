import { messageDeliveryRules } from './message-delivery-rules'

messageDeliveryRules('postgres')
