// Applies captures, cancels and refunds to an order's charges and derives charge and order money state.

import type { IdGenerator } from './ids';
import { toMajor, toMinor } from './money';
import type { Charge, ChargeOperation, ChargeOperationState, OrderItem } from './wire-types';

/** Upstream's code and message for a failed operation (§4.2, §14 #16). */
export const OPERATION_FAILURE = { failureCode: 'failed-request', failureMessage: 'Failed to operate on charge' } as const;

/** One order-level capture or cancel, before it is split over the charges. */
export interface OrderOperation {
  kind: 'capture' | 'cancel';
  amountMinor: number;
  createdTime: string;
  state: ChargeOperationState;
  /** Captures: the fulfillment that triggered them. */
  fulfillmentId?: string;
}

/**
 * The gross value of an order line in minor units: line amount, its tax, and its
 * share of shipping and shipping tax. The lines of an order sum to `totalAmount`.
 */
export function itemGrossMinor(item: OrderItem, currency: string): number {
  return (
    toMinor(item.amount, currency) +
    toMinor(item.tax.amount, currency) +
    toMinor(item.shipping?.amount ?? 0, currency) +
    toMinor(item.shipping?.taxAmount ?? 0, currency)
  );
}

/**
 * Books a capture or cancel against the order's charges and returns the charge
 * operations it created (one per charge it touches).
 *
 * How upstream splits an amount over several charges is not specified (§15). Here the
 * charges take consecutive slices of the order total in payment order (store credit
 * first, then the card), and every capture or cancel takes the next slice. So once
 * every unit is captured or cancelled, each charge's operations sum to its amount.
 * Failed operations keep their slice: upstream retries them rather than re-slicing.
 *
 * @throws RangeError when the operation would exceed the charges' total.
 */
export function applyOrderOperation(charges: Charge[], op: OrderOperation, ids: IdGenerator): ChargeOperation[] {
  const currency = charges[0]?.currency ?? 'USD';
  let cursor = charges.reduce((sum, c) => sum + operationsMinor(c), 0);
  let remaining = op.amountMinor;
  const created: ChargeOperation[] = [];
  let start = 0;
  for (const charge of charges) {
    const size = toMinor(charge.amount, currency);
    const end = start + size;
    if (remaining > 0 && cursor < end) {
      const take = Math.min(remaining, end - cursor);
      const operation: ChargeOperation = {
        id: ids.uuid(),
        createdTime: op.createdTime,
        amount: toMajor(take, currency),
        state: op.state,
        ...(op.state === 'failed' ? OPERATION_FAILURE : {}),
        ...(op.kind === 'capture' && op.fulfillmentId !== undefined ? { fulfillmentId: op.fulfillmentId } : {}),
      };
      if (op.kind === 'capture') {
        charge.captures = [...(charge.captures ?? []), operation];
        charge.captured = true;
      } else {
        charge.cancels = [...(charge.cancels ?? []), operation];
      }
      created.push(operation);
      cursor += take;
      remaining -= take;
    }
    start = end;
  }
  if (remaining > 0) {
    throw new RangeError(`operation of ${op.amountMinor} minor units exceeds what is left on the order's charges`);
  }
  return created;
}

/** Adds a charge-level refund and marks the charge refunded. */
export function applyRefund(charge: Charge, amountMinor: number, createdTime: string, state: ChargeOperationState, ids: IdGenerator): ChargeOperation {
  const refund: ChargeOperation = { id: ids.uuid(), createdTime, amount: toMajor(amountMinor, charge.currency), state };
  charge.refunds = [...(charge.refunds ?? []), refund];
  charge.refunded = true;
  return refund;
}

/**
 * Sets a charge's `state` from its operations, as upstream reports it: `processing`
 * while a capture is pending; `complete` or `cancelled` once captures plus cancels
 * cover the amount; otherwise `capturable`, even after partial captures (§14 #15).
 * Charges still `pending` (awaiting authorisation) or `failed` keep their state.
 */
export function settleChargeState(charge: Charge): void {
  if (charge.state === 'pending' || charge.state === 'failed') return;
  const captures = charge.captures ?? [];
  const cancels = charge.cancels ?? [];
  if (captures.some((c) => c.state === 'pending')) {
    charge.state = 'processing';
    return;
  }
  const captured = sumMinor(captures, 'complete', charge.currency);
  const cancelled = sumMinor(cancels, 'complete', charge.currency);
  if (captured + cancelled >= toMinor(charge.amount, charge.currency) && !cancels.some((c) => c.state === 'pending')) {
    charge.state = captured > 0 ? 'complete' : 'cancelled';
  } else {
    charge.state = 'capturable';
  }
}

/** The order's running money totals, derived from completed operations (§3.2). */
export interface OrderMoney {
  capturedAmount: number;
  cancelledAmount: number;
  refundedAmount?: number;
  availableToRefundAmount: number;
}

/** Totals of completed captures, cancels and refunds over an order's charges. */
export function orderMoney(charges: readonly Charge[], currency: string): OrderMoney {
  let captured = 0;
  let cancelled = 0;
  let refunded = 0;
  let anyRefund = false;
  for (const charge of charges) {
    captured += sumMinor(charge.captures ?? [], 'complete', currency);
    cancelled += sumMinor(charge.cancels ?? [], 'complete', currency);
    refunded += sumMinor(charge.refunds ?? [], 'complete', currency);
    anyRefund ||= (charge.refunds ?? []).length > 0;
  }
  return {
    capturedAmount: toMajor(captured, currency),
    cancelledAmount: toMajor(cancelled, currency),
    ...(anyRefund ? { refundedAmount: toMajor(refunded, currency) } : {}),
    availableToRefundAmount: toMajor(captured - refunded, currency),
  };
}

// Private: minor units of all captures and cancels, whatever their state.
function operationsMinor(charge: Charge): number {
  const all = [...(charge.captures ?? []), ...(charge.cancels ?? [])];
  return all.reduce((sum, op) => sum + toMinor(op.amount, charge.currency), 0);
}

// Private: minor units of the operations in one state.
function sumMinor(ops: readonly ChargeOperation[], state: ChargeOperationState, currency: string): number {
  return ops.filter((op) => op.state === state).reduce((sum, op) => sum + toMinor(op.amount, currency), 0);
}
