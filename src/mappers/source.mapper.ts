// Upstream sources to GraphQL Source: clientSecret is dropped here and never read again.
import type { CreditCard, Source } from '../schema/types/source.type';
import type { UpstreamCardDetails, UpstreamSource } from '../upstream/types';
import { mapAddress } from './contact.mapper';
import { toIsoDateTime } from './scalar.mapper';

function mapCard(raw: UpstreamCardDetails | undefined): CreditCard | null {
  if (raw === undefined) return null;
  return {
    brand: raw.brand ?? null,
    lastFourDigits: raw.lastFourDigits ?? null,
    expirationMonth: typeof raw.expirationMonth === 'number' ? Math.trunc(raw.expirationMonth) : null,
    expirationYear: typeof raw.expirationYear === 'number' ? Math.trunc(raw.expirationYear) : null,
  };
}

/** Maps a source; `clientSecret` is deliberately not copied. */
export function mapSource(raw: UpstreamSource, fallbackLiveMode = false): Source {
  const owner = raw.owner;
  return {
    id: raw.id,
    type: raw.type,
    state: raw.state ?? null,
    reusable: raw.reusable ?? null,
    amount: raw.amount ?? null,
    currency: raw.currency ?? null,
    createdTime: toIsoDateTime(raw.createdTime),
    customerId: raw.customerId ?? null,
    owner: owner === undefined ? null : {
      firstName: owner.firstName ?? null,
      lastName: owner.lastName ?? null,
      email: owner.email ?? null,
      organization: owner.organization ?? null,
      address: mapAddress(owner.address),
    },
    // Google Pay carries the same four card fields (§5.2).
    creditCard: mapCard(raw.creditCard ?? raw.googlePay),
    liveMode: raw.liveMode ?? fallbackLiveMode,
  };
}
