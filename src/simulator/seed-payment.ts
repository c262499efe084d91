// Creates a seeded order's payment: sources of the chosen method, one charge per source, the session.

import { toMajor } from './money';
import { CARDS, type Person } from './seed-catalog';
import type { OrderDraft, SeedContext } from './seed-context';
import { isoSeconds } from './time';
import type { Charge, PaymentSession, Source, SourceDetails, SourceState, SourceType } from './wire-types';

/** How an order is paid; `storeCredit` means customer credit plus a credit card (two sources). */
export type PaymentMethod = 'creditCard' | 'googlePay' | 'applePay' | 'payPal' | 'wireTransfer' | 'konbini' | 'storeCredit';

// Declared here rather than taken from seed-order.ts, which calls this file: no import loop.
/** What the payment reads of an order's plan; seed-order's OrderPlan has it. */
export interface PaymentPlan {
  method: PaymentMethod;
  person: Person;
  customerId?: string;
}

/** Methods whose money arrives later (§10.1 `pending_payment`). */
export const PUSH_METHODS: readonly PaymentMethod[] = ['wireTransfer', 'konbini'];

/** When things happened: the sources' creation, and the authorisation (undefined while payment is pending). */
export interface PaymentTiming {
  sourceMs: number;
  authorisedMs: number | undefined;
}

/**
 * Adds sources, charges and the session to the draft.
 *
 * One charge per source with the source's amount (§4). While a push payment is
 * pending there is no charge at all; a pending PayPal payment has a `pending` charge.
 * Store credit is charged first, then the card takes the rest of the total.
 */
export function createPayment(ctx: SeedContext, draft: OrderDraft, plan: PaymentPlan, totalMinor: number, timing: PaymentTiming): void {
  const { rng, ids } = ctx;
  const { order } = draft;
  const currency = order.currency;
  const sessionId = ids.uuid();
  const pending = timing.authorisedMs === undefined;

  const parts: { type: SourceType; minor: number }[] = [];
  if (plan.method === 'storeCredit') {
    const unit = currency === 'JPY' ? 1 : 100;
    const credit = Math.max(unit, Math.min(totalMinor - unit, Math.floor((totalMinor * rng.int(10, 50)) / 100 / unit) * unit));
    parts.push({ type: 'customerCredit', minor: credit }, { type: 'creditCard', minor: totalMinor - credit });
  } else {
    parts.push({ type: plan.method, minor: totalMinor });
  }

  for (const part of parts) {
    const source = createSource(ctx, draft, plan, part.type, part.minor, sessionId, timing);
    draft.sources.push(source);
    order.payment.sourceIds.push(source.id);
    const pushPending = pending && (part.type === 'wireTransfer' || part.type === 'konbini');
    if (pushPending) continue;
    const charge: Charge = {
      id: ids.uuid(),
      createdTime: isoSeconds(timing.authorisedMs ?? timing.sourceMs + 60_000),
      currency,
      amount: toMajor(part.minor, currency),
      state: pending ? 'pending' : 'capturable',
      orderId: order.id,
      captured: false,
      refunded: false,
      sourceId: source.id,
      paymentSessionId: sessionId,
      type: rng.weighted({ customer_initiated: 90, merchant_initiated: 5, moto: 5 }),
      liveMode: false,
    };
    draft.charges.push(charge);
    order.payment.chargeIds.push(charge.id);
  }

  const session: PaymentSession = {
    id: sessionId,
    amountContributed: pending ? 0 : toMajor(totalMinor, currency),
    amountRemainingToBeContributed: pending ? toMajor(totalMinor, currency) : 0,
    state: pending ? (plan.method === 'payPal' ? 'requires_confirmation' : 'pending_funds') : 'complete',
    clientSecret: ids.clientSecret(sessionId),
  };
  if (pending) {
    session.nextAction =
      plan.method === 'payPal'
        ? { action: 'redirect', data: { redirectUrl: `https://api.digitalriver.com:443/payments/redirects/${ids.uuid()}?apiKey=pk_test_simulator` } }
        : { action: 'show_payment_instructions', data: { referenceId: rng.digits(12) } };
  }
  order.payment.session = session;
}

// Private: one source with its type-specific object, state and secret.
function createSource(
  ctx: SeedContext,
  draft: OrderDraft,
  plan: PaymentPlan,
  type: SourceType,
  minor: number,
  sessionId: string,
  timing: PaymentTiming,
): Source {
  const { rng, ids } = ctx;
  const { order } = draft;
  const id = ids.uuid();
  const pending = timing.authorisedMs === undefined;
  const reusable = plan.customerId !== undefined && (type === 'creditCard' || type === 'googlePay') && rng.chance(0.3);
  let state: SourceState = reusable ? 'chargeable' : 'consumed';
  if (pending) state = type === 'payPal' ? 'pending_redirect' : 'pending_funds';
  return {
    id,
    clientSecret: ids.clientSecret(id),
    createdTime: isoSeconds(timing.sourceMs),
    type,
    currency: order.currency,
    amount: toMajor(minor, order.currency),
    reusable,
    state,
    flow: type === 'payPal' ? 'redirect' : type === 'wireTransfer' || type === 'konbini' ? 'receiver' : 'standard',
    owner: {
      firstName: plan.person.firstName,
      lastName: plan.person.lastName,
      email: plan.person.email,
      ...(plan.person.organization !== undefined ? { organization: plan.person.organization } : {}),
      address: order.billTo.address,
    },
    ...(plan.customerId !== undefined ? { customerId: plan.customerId } : {}),
    paymentSessionId: sessionId,
    liveMode: false,
    ...sourceDetails(ctx, type),
  };
}

// Private: the type-specific sub-object, named after the type.
function sourceDetails(ctx: SeedContext, type: SourceType): SourceDetails {
  const { rng } = ctx;
  const card = (): NonNullable<SourceDetails['creditCard']> => ({
    ...rng.pick(CARDS),
    expirationMonth: rng.int(1, 12),
    expirationYear: rng.int(2026, 2031),
  });
  switch (type) {
    case 'creditCard':
      return { creditCard: card() };
    case 'googlePay':
      return { googlePay: card() };
    case 'applePay':
      return { applePay: card() };
    case 'payPal':
      return { payPal: { token: `EC-${rng.digits(17)}`, payerId: rng.digits(13), payerStatus: 'verified' } };
    case 'wireTransfer':
      return {
        wireTransfer: {
          accountHolder: 'Global Collect BV',
          bankName: 'Citibank International',
          city: 'London',
          country: 'GB',
          referenceId: rng.digits(12),
          accountNumber: rng.digits(10),
          additionalBankInformation: 'Quote the reference id with your transfer.',
          iban: `GB${rng.digits(2)}CITI${rng.digits(14)}`,
          swiftCode: 'CITIGB2L',
        },
      };
    case 'konbini': {
      const store = rng.pick([
        { storeId: '010', storeName: 'Lawson', localizedStoreName: 'ローソン' },
        { storeId: '020', storeName: 'FamilyMart', localizedStoreName: 'ファミリーマート' },
        { storeId: '030', storeName: 'Seven-Eleven', localizedStoreName: 'セブン-イレブン' },
      ]);
      return {
        konbini: {
          ...store,
          receiptNumber: rng.digits(11),
          printableInvoiceUrl: `https://konbini.example.jp/invoices/${rng.digits(10)}`,
          storeLogoUrl: `https://konbini.example.jp/logos/${store.storeId}.png`,
        },
      };
    }
    case 'customerCredit':
      return { customerCredit: {} };
  }
}
