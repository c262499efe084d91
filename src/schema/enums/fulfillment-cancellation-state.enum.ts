// FulfillmentCancellationState (§10.7) plus UNKNOWN.
import { registerEnumType } from 'type-graphql';

export enum FulfillmentCancellationState {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(FulfillmentCancellationState, {
  name: 'FulfillmentCancellationState',
  description: 'State of a fulfillment cancellation or of one of its items.',
  valuesConfig: {
    PENDING: { description: 'Sent to the fulfiller; not yet decided.' },
    ACCEPTED: { description: 'The fulfiller approved (perhaps for fewer units: see quantityAccepted).' },
    REJECTED: { description: 'The fulfiller declined.' },
    UNKNOWN: { description: 'A state this gateway does not know yet (logged).' },
  },
});
