// Upstream charges to GraphQL Charge, with every capture, cancel and refund as a ChargeOperation.
import type { Charge, ChargeOperation, ChargeOperationKind } from '../schema/types/charge.type';
import type { UpstreamCharge, UpstreamChargeOperation } from '../upstream/types';
import { toIsoDateTime } from './scalar.mapper';

/**
 * Maps a charge. `complete` says the copy came from `GET /charges/{id}`:
 * embedded copies may lack refund ids and failure messages (quirks 16, 30),
 * which the operation resolver then fetches on demand.
 */
export function mapCharge(raw: UpstreamCharge, complete: boolean, parent?: { orderId: string; liveMode: boolean }): Charge {
  const operations = (kind: ChargeOperationKind): ChargeOperation[] =>
    (raw[kind] ?? []).map((operation, index) => mapOperation(operation, raw.id, kind, index, complete));
  return {
    id: raw.id,
    orderId: raw.orderId ?? parent?.orderId ?? null,
    sourceId: raw.sourceId ?? null,
    paymentSessionId: raw.paymentSessionId ?? null,
    createdTime: toIsoDateTime(raw.createdTime),
    currency: raw.currency,
    amount: raw.amount,
    state: raw.state,
    type: raw.type ?? null,
    captured: raw.captured ?? false,
    refunded: raw.refunded ?? false,
    failureCode: raw.failureCode ?? null,
    failureMessage: raw.failureMessage ?? null,
    captures: operations('captures'),
    cancels: operations('cancels'),
    refunds: operations('refunds'),
    liveMode: raw.liveMode ?? parent?.liveMode ?? false,
  };
}

function mapOperation(raw: UpstreamChargeOperation, chargeId: string, kind: ChargeOperationKind, index: number, complete: boolean): ChargeOperation {
  return {
    knownId: raw.id ?? null,
    createdTime: toIsoDateTime(raw.createdTime),
    updatedTime: toIsoDateTime(raw.updatedTime),
    amount: raw.amount,
    state: raw.state,
    failureCode: raw.failureCode ?? null,
    knownFailureMessage: raw.failureMessage ?? null,
    fulfillmentId: raw.fulfillmentId ?? null,
    chargeId,
    kind,
    index,
    complete,
  };
}
