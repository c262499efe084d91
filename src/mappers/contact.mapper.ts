// Upstream addresses and contacts as their GraphQL shapes: views that read the upstream object when a field is asked for.
import type { Address, Contact } from '../schema/types/contact.type';
import type { UpstreamAddress, UpstreamContact } from '../upstream/types';
import { plainCopy } from './plain-copy';

/** An upstream address as GraphQL Address; absent parts read as null. */
export class AddressView implements Address {
  readonly #raw: UpstreamAddress;

  constructor(raw: UpstreamAddress) {
    this.#raw = raw;
  }

  get line1(): string | null { return this.#raw.line1 ?? null; }
  get line2(): string | null { return this.#raw.line2 ?? null; }
  get city(): string | null { return this.#raw.city ?? null; }
  get postalCode(): string | null { return this.#raw.postalCode ?? null; }
  get state(): string | null { return this.#raw.state ?? null; }
  get country(): string | null { return this.#raw.country ?? null; }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

/** An upstream contact as GraphQL Contact (its `organization` is not in the graph). */
export class ContactView implements Contact {
  readonly #raw: UpstreamContact;

  constructor(raw: UpstreamContact) {
    this.#raw = raw;
  }

  get name(): string | null { return this.#raw.name ?? null; }
  get email(): string | null { return this.#raw.email ?? null; }
  get phone(): string | null { return this.#raw.phone ?? null; }
  get address(): AddressView | null { return mapAddress(this.#raw.address); }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

export function mapAddress(raw: UpstreamAddress | null | undefined): AddressView | null {
  return raw == null ? null : new AddressView(raw);
}

export function mapContact(raw: UpstreamContact | null | undefined): ContactView | null {
  return raw == null ? null : new ContactView(raw);
}
