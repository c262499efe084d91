// Upstream charges as GraphQL Charge, with every capture, cancel and refund as a ChargeOperation: views that read the upstream charge when a field is asked for.
import type { Charge, ChargeOperation, ChargeOperationKind } from '../schema/types/charge.type';
import type { UpstreamCharge, UpstreamChargeOperation } from '../upstream/types';
import { plainCopy } from './plain-copy';
import type { SourceView } from './source.mapper';
import { toIsoDateTime } from './scalar.mapper';

/** What an embedded charge takes from the order it came in (quirk 30): the order's id and mode, and the sources it embeds. */
export interface ChargeParent {
  readonly id: string;
  readonly liveMode: boolean;
  /** A source embedded in the same order, viewed as the order completes it; undefined when it has none by that id. */
  embeddedSource(id: string): SourceView | undefined;
}

/**
 * A charge. `complete` says the copy came from `GET /charges/{id}`: embedded
 * copies may lack refund ids and failure messages (quirks 16, 30), which the
 * operation resolver then fetches on demand.
 */
export class ChargeView implements Charge {
  readonly #raw: UpstreamCharge;
  readonly #parent: ChargeParent | undefined;
  readonly #complete: boolean;

  constructor(raw: UpstreamCharge, complete: boolean, parent: ChargeParent | undefined) {
    this.#raw = raw;
    this.#complete = complete;
    this.#parent = parent;
  }

  /** Not in the graph: true when this copy came from `GET /charges/{id}` (nothing more to fetch). */
  get complete(): boolean { return this.#complete; }

  get id(): string { return this.#raw.id; }
  get orderId(): string | null { return this.#raw.orderId ?? this.#parent?.id ?? null; }
  get sourceId(): string | null { return this.#raw.sourceId ?? null; }
  get paymentSessionId(): string | null { return this.#raw.paymentSessionId ?? null; }
  get createdTime(): string | null { return toIsoDateTime(this.#raw.createdTime); }
  get currency(): string { return this.#raw.currency; }
  get amount(): number { return this.#raw.amount; }
  get state(): string { return this.#raw.state; }
  get type(): string | null { return this.#raw.type ?? null; }
  get captured(): boolean { return this.#raw.captured ?? false; }
  get refunded(): boolean { return this.#raw.refunded ?? false; }
  get failureCode(): string | null { return this.#raw.failureCode ?? null; }
  get failureMessage(): string | null { return this.#raw.failureMessage ?? null; }
  get captures(): ChargeOperationView[] { return this.#operations('captures'); }
  get cancels(): ChargeOperationView[] { return this.#operations('cancels'); }
  get refunds(): ChargeOperationView[] { return this.#operations('refunds'); }
  get liveMode(): boolean { return this.#raw.liveMode ?? this.#parent?.liveMode ?? false; }

  /**
   * Not in the graph: the source this charge names, as embedded in the order
   * the charge came in; undefined for a charge read by itself, or one whose
   * order does not embed it.
   */
  sourceFromOrder(): SourceView | undefined {
    const sourceId = this.#raw.sourceId;
    return sourceId === undefined ? undefined : this.#parent?.embeddedSource(sourceId);
  }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }

  #operations(kind: ChargeOperationKind): ChargeOperationView[] {
    const list = this.#raw[kind];
    if (list === undefined || list.length === 0) return [];
    const views = new Array<ChargeOperationView>(list.length);
    for (let index = 0; index < list.length; index += 1) views[index] = new ChargeOperationView(list[index] as UpstreamChargeOperation, this, kind, index);
    return views;
  }
}

/** One capture, cancel or refund, and where its full copy lives (its charge, list and position). */
export class ChargeOperationView implements ChargeOperation {
  readonly #raw: UpstreamChargeOperation;
  readonly #charge: ChargeView;
  readonly #kind: ChargeOperationKind;
  readonly #index: number;

  constructor(raw: UpstreamChargeOperation, charge: ChargeView, kind: ChargeOperationKind, index: number) {
    this.#raw = raw;
    this.#charge = charge;
    this.#kind = kind;
    this.#index = index;
  }

  get knownId(): string | null { return this.#raw.id ?? null; }
  get createdTime(): string | null { return toIsoDateTime(this.#raw.createdTime); }
  get updatedTime(): string | null { return toIsoDateTime(this.#raw.updatedTime); }
  get amount(): number { return this.#raw.amount; }
  get state(): string { return this.#raw.state; }
  get failureCode(): string | null { return this.#raw.failureCode ?? null; }
  get knownFailureMessage(): string | null { return this.#raw.failureMessage ?? null; }
  get fulfillmentId(): string | null { return this.#raw.fulfillmentId ?? null; }
  get chargeId(): string { return this.#charge.id; }
  get kind(): ChargeOperationKind { return this.#kind; }
  get index(): number { return this.#index; }
  get complete(): boolean { return this.#charge.complete; }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

/** Views a charge; `parent` is the order it came embedded in, if it did. */
export function mapCharge(raw: UpstreamCharge, complete: boolean, parent?: ChargeParent): ChargeView {
  return new ChargeView(raw, complete, parent);
}
