// The tabs the explorer opens on: the frontend operations of schema/operations, with variables that work on the demo data.
import type { GraphiQLProps } from 'graphiql';
import { print } from 'graphql';

import {
  CreateFulfillmentCancellationDocument,
  FulfillmentCancellationUpdatedDocument,
  OrderDetailDocument,
  OrderPageDocument,
  OrderUpdatedDocument,
} from '../../../../schema/client/graphql';
import type { DemoIds } from '../shared/page-config';

type TabDefinition = NonNullable<GraphiQLProps['defaultTabs']>[number];

/**
 * The order page first (a page of orders with what is still open on them),
 * then one order, its live updates, the cancellation subscription and the
 * mutation that asks for a cancellation. Printed from the generated typed
 * documents (operation, then its fragments), one field per line.
 */
export function exampleTabs(demo: DemoIds): TabDefinition[] {
  const json = (value: unknown): string => JSON.stringify(value, null, 2);
  return [
    { query: print(OrderPageDocument), variables: json({ first: 5 }) },
    { query: print(OrderDetailDocument), variables: json({ id: demo.orderId }) },
    { query: print(OrderUpdatedDocument), variables: json({ id: demo.orderId }) },
    { query: print(FulfillmentCancellationUpdatedDocument), variables: json({ orderId: demo.orderId }) },
    {
      query: print(CreateFulfillmentCancellationDocument),
      variables: json({
        input: {
          fulfillmentOrderId: demo.fulfillmentOrderId,
          reason: 'requested_by_customer',
          items: [{ fulfillmentOrderItemId: demo.fulfillmentOrderItemId, quantity: 1 }],
        },
      }),
    },
  ];
}
