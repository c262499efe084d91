// OrderState: the upstream order states (§10.1) plus UNKNOWN.
import { registerEnumType } from 'type-graphql';

export enum OrderState {
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  IN_REVIEW = 'IN_REVIEW',
  ACCEPTED = 'ACCEPTED',
  BLOCKED = 'BLOCKED',
  CANCELLED = 'CANCELLED',
  FULFILLED = 'FULFILLED',
  COMPLETE = 'COMPLETE',
  RETURNED = 'RETURNED',
  DISPUTE = 'DISPUTE',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(OrderState, {
  name: 'OrderState',
  description: 'Where an order is in its life cycle (upstream `state`, upper-cased).',
  valuesConfig: {
    PENDING_PAYMENT: { description: 'Payment not yet capturable (funds or redirect outstanding).' },
    IN_REVIEW: { description: 'Capturable, but a fraud or denied-party review is running; do not fulfil.' },
    ACCEPTED: { description: 'Ready to fulfil.' },
    BLOCKED: { description: 'Blocked by fraud review or screening; terminal.' },
    CANCELLED: { description: 'Everything cancelled; every charge is cancelled.' },
    FULFILLED: { description: 'Every unit fulfilled, or fulfilled with the rest cancelled.' },
    COMPLETE: { description: 'Fulfilled and the charges settled.' },
    RETURNED: { description: 'Returned or refunded in full.' },
    DISPUTE: { description: 'A charge is disputed (chargeback).' },
    UNKNOWN: { description: 'A state this gateway does not know yet (logged).' },
  },
});
