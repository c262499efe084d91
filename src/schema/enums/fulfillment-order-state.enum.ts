// FulfillmentOrderState and FulfillmentOrderItemState (§10.6) plus UNKNOWN.
import { registerEnumType } from 'type-graphql';

export enum FulfillmentOrderState {
  PENDING = 'PENDING',
  SHIPPED = 'SHIPPED',
  CANCELLED = 'CANCELLED',
  UNKNOWN = 'UNKNOWN',
}

export enum FulfillmentOrderItemState {
  PENDING = 'PENDING',
  BACKORDERED = 'BACKORDERED',
  SHIPPED = 'SHIPPED',
  CANCELLED = 'CANCELLED',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(FulfillmentOrderState, {
  name: 'FulfillmentOrderState',
  description: 'State of a fulfillment order.',
  valuesConfig: {
    PENDING: { description: 'Queued; nothing shipped yet.' },
    SHIPPED: { description: 'Some or all units shipped.' },
    CANCELLED: { description: 'Cancelled by the customer, the client or the fulfiller.' },
    UNKNOWN: { description: 'A state this gateway does not know yet (logged).' },
  },
});

registerEnumType(FulfillmentOrderItemState, {
  name: 'FulfillmentOrderItemState',
  description: 'State of one line of a fulfillment order; the unit counts, not the state, say what is cancellable.',
  valuesConfig: {
    PENDING: { description: 'Not yet shipped.' },
    BACKORDERED: { description: 'Awaiting restock.' },
    SHIPPED: { description: 'Some or all units shipped.' },
    CANCELLED: { description: 'Cancelled.' },
    UNKNOWN: { description: 'A state this gateway does not know yet (logged).' },
  },
});
