// Upstream sources as GraphQL Source: views with no getter for clientSecret, so it can never reach the graph.
import type { CreditCard, Source, SourceOwner } from '../schema/types/source.type';
import type { UpstreamCardDetails, UpstreamSource, UpstreamSourceOwner } from '../upstream/types';
import { type AddressView, mapAddress } from './contact.mapper';
import { toIsoDateTime } from './scalar.mapper';
import { plainCopy } from './plain-copy';

/** Card details (a creditCard's, or Google Pay's, which carries the same four fields, §5.2). */
export class CreditCardView implements CreditCard {
  readonly #raw: UpstreamCardDetails;

  constructor(raw: UpstreamCardDetails) {
    this.#raw = raw;
  }

  get brand(): string | null { return this.#raw.brand ?? null; }
  get lastFourDigits(): string | null { return this.#raw.lastFourDigits ?? null; }
  get expirationMonth(): number | null { return wholeOrNull(this.#raw.expirationMonth); }
  get expirationYear(): number | null { return wholeOrNull(this.#raw.expirationYear); }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

export class SourceOwnerView implements SourceOwner {
  readonly #raw: UpstreamSourceOwner;

  constructor(raw: UpstreamSourceOwner) {
    this.#raw = raw;
  }

  get firstName(): string | null { return this.#raw.firstName ?? null; }
  get lastName(): string | null { return this.#raw.lastName ?? null; }
  get email(): string | null { return this.#raw.email ?? null; }
  get organization(): string | null { return this.#raw.organization ?? null; }
  get address(): AddressView | null { return mapAddress(this.#raw.address); }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

/**
 * A source. Copies embedded in an order lack what is the same by definition
 * as the order's: `customerId` and `liveMode` then come from `fallback`.
 */
export class SourceView implements Source {
  readonly #raw: UpstreamSource;
  readonly #fallback: SourceFallback | undefined;

  constructor(raw: UpstreamSource, fallback: SourceFallback | undefined) {
    this.#raw = raw;
    this.#fallback = fallback;
  }

  get id(): string { return this.#raw.id; }
  get type(): string { return this.#raw.type; }
  get state(): string | null { return this.#raw.state ?? null; }
  get reusable(): boolean | null { return this.#raw.reusable ?? null; }
  get amount(): number | null { return this.#raw.amount ?? null; }
  get currency(): string | null { return this.#raw.currency ?? null; }
  get createdTime(): string | null { return toIsoDateTime(this.#raw.createdTime); }
  get customerId(): string | null { return this.#raw.customerId ?? this.#fallback?.customerId ?? null; }
  get owner(): SourceOwnerView | null { return this.#raw.owner === undefined ? null : new SourceOwnerView(this.#raw.owner); }

  get creditCard(): CreditCardView | null {
    const card = this.#raw.creditCard ?? this.#raw.googlePay;
    return card === undefined ? null : new CreditCardView(card);
  }

  get liveMode(): boolean { return this.#raw.liveMode ?? this.#fallback?.liveMode ?? false; }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

/** What a source embedded in an order takes from the order. */
export interface SourceFallback {
  readonly customerId?: string | null | undefined;
  readonly liveMode?: boolean | undefined;
}

const LIVE: SourceFallback = Object.freeze({ liveMode: true });

/** Views a source; `fallbackLiveMode` stands in for an absent `liveMode` (an embedded copy's order's). */
export function mapSource(raw: UpstreamSource, fallbackLiveMode = false): SourceView {
  return new SourceView(raw, fallbackLiveMode ? LIVE : undefined);
}

function wholeOrNull(value: number | undefined): number | null {
  return typeof value === 'number' ? Math.trunc(value) : null;
}
