// Upstream addresses and contacts to their GraphQL shapes.
import type { Address, Contact } from '../schema/types/contact.type';
import type { UpstreamAddress, UpstreamContact } from '../upstream/types';

export function mapAddress(raw: UpstreamAddress | null | undefined): Address | null {
  if (raw == null) return null;
  return {
    line1: raw.line1 ?? null,
    line2: raw.line2 ?? null,
    city: raw.city ?? null,
    postalCode: raw.postalCode ?? null,
    state: raw.state ?? null,
    country: raw.country ?? null,
  };
}

export function mapContact(raw: UpstreamContact | null | undefined): Contact | null {
  if (raw == null) return null;
  return { name: raw.name ?? null, email: raw.email ?? null, phone: raw.phone ?? null, address: mapAddress(raw.address) };
}
