// Builds a seeded order up to its payment decision: items, totals, addresses, session and early states.

import { fractionDigits, splitByWeights, toMajor } from './money';
import { applyOrderOperation } from './payment-ledger';
import { MARKETS, type Person, PRICE_FACTOR } from './seed-catalog';
import type { OrderDraft, SeedContext, SeedProduct } from './seed-context';
import { createPayment, type PaymentMethod, PUSH_METHODS } from './seed-payment';
import { DAY, HOUR, isoSeconds, MINUTE } from './time';
import type { Contact, OrderItem, OrderState, StoredOrder } from './wire-types';

/** What the seed decided about an order before building it. */
export interface OrderPlan {
  state: OrderState;
  createdMs: number;
  person: Person;
  customerId?: string;
  physical: boolean;
  method: PaymentMethod;
  /** A `cancelled` order whose push payment never arrived (no charge, no fulfillment). */
  unpaidCancel: boolean;
  /** The order went through fraud review before its decision. */
  viaReview: boolean;
  /** Explicit lines (the bulk order); otherwise 1–4 random lines with quantities 1–5. */
  lines?: { product: SeedProduct; quantity: number }[];
  upstreamId?: string;
}

/**
 * Creates the draft of an order: items with line amounts, tax and shipping shares that
 * add up to the totals; sources, charges and session; and the states up to acceptance
 * (or to `pending_payment`, `in_review`, `blocked`, or an unpaid cancellation).
 */
export function createOrderDraft(ctx: SeedContext, plan: OrderPlan): OrderDraft {
  const { rng, ids } = ctx;
  const market = MARKETS[plan.person.country];
  const currency = market.currency;
  const t0 = plan.createdMs;
  const created = isoSeconds(t0);
  const rate = rng.pick(market.taxRates);
  const lines = plan.lines ?? pickLines(ctx, plan.physical);
  const shortItemIds = rng.chance(0.35);

  const amountsMinor = lines.map(({ product, quantity }) => unitMinor(product, currency) * quantity);
  const shippingMinor = plan.physical ? rng.pick(market.shippingMinor) : 0;
  const shippingTaxMinor = Math.round(shippingMinor * rate);
  const shipShares = splitByWeights(shippingMinor, amountsMinor);
  const shipTaxShares = splitByWeights(shippingTaxMinor, amountsMinor);

  const items: OrderItem[] = lines.map(({ product, quantity }, i) => {
    const amount = amountsMinor[i] ?? 0;
    return {
      id: ids.orderItem(shortItemIds),
      skuId: product.skuId,
      productDetails: {
        id: product.skuId,
        name: product.name,
        description: product.description,
        countryOfOrigin: product.countryOfOrigin,
        ...(product.weightGrams !== undefined ? { weight: product.weightGrams, weightUnit: 'g' } : {}),
        partNumber: `PN-${product.key.toUpperCase()}`,
      },
      amount: toMajor(amount, currency),
      quantity,
      state: 'created',
      stateTransitions: { created },
      tax: { rate, amount: toMajor(Math.round(amount * rate), currency) },
      importerTax: { amount: 0 },
      duties: { amount: 0 },
      fees: { amount: 0, taxAmount: 0 },
      ...(plan.physical ? { shipping: { amount: toMajor(shipShares[i] ?? 0, currency), taxAmount: toMajor(shipTaxShares[i] ?? 0, currency) } } : {}),
      availableToRefundAmount: 0,
    };
  });

  const lineTaxMinor = amountsMinor.reduce((sum, a) => sum + Math.round(a * rate), 0);
  const subtotalMinor = amountsMinor.reduce((a, b) => a + b, 0) + shippingMinor;
  const totalTaxMinor = lineTaxMinor + shippingTaxMinor;
  const totalMinor = subtotalMinor + totalTaxMinor;
  const address = { ...rng.pick(market.addresses), country: market.country };
  const name = `${plan.person.firstName} ${plan.person.lastName}`;
  const contact: Contact = {
    address,
    name,
    phone: plan.person.phone,
    email: plan.person.email,
    ...(plan.person.organization !== undefined ? { organization: plan.person.organization } : {}),
  };

  const order: StoredOrder = {
    id: ids.order(),
    checkoutId: ids.uuid(),
    ...(plan.upstreamId !== undefined ? { upstreamId: plan.upstreamId } : {}),
    ...(plan.customerId !== undefined ? { customerId: plan.customerId } : {}),
    createdTime: created,
    updatedTime: created,
    currency,
    email: plan.person.email,
    locale: market.locale,
    browserIp: `198.51.100.${rng.int(2, 254)}`,
    customerType: plan.person.customerType,
    ...(plan.physical ? { shipFrom: { address: { country: 'US' } }, shipTo: contact } : {}),
    billTo: contact,
    subtotal: toMajor(subtotalMinor, currency),
    totalTax: toMajor(totalTaxMinor, currency),
    totalImporterTax: 0,
    totalFees: 0,
    totalDuty: 0,
    totalDiscount: 0,
    totalShipping: toMajor(shippingMinor, currency),
    totalAmount: toMajor(totalMinor, currency),
    importerOfRecordTax: false,
    capturedAmount: 0,
    cancelledAmount: 0,
    availableToRefundAmount: 0,
    items,
    ...(plan.physical
      ? {
          shippingChoice: {
            id: rng.digits(3),
            amount: toMajor(shippingMinor, currency),
            taxAmount: toMajor(shippingTaxMinor, currency),
            description: shippingMinor === 0 ? 'free standard' : 'standard',
            serviceLevel: shippingMinor > 1000 ? 'EXP' : 'SG',
            shippingTerms: 'DDP',
          },
        }
      : {}),
    state: 'accepted',
    stateTransitions: {},
    fraudStateTransitions: {},
    payment: { chargeIds: [], sourceIds: [], session: { id: '', amountContributed: 0, amountRemainingToBeContributed: 0, state: 'complete', clientSecret: '' } },
    requestToBeForgotten: false,
    sellingEntity: market.sellingEntity,
    ...(rng.chance(0.25) ? { metadata: { channel: rng.pick(['web', 'mobile_app', 'call_center']), campaign: `spring-${rng.int(1, 9)}` } } : {}),
    liveMode: false,
  };

  const draft: OrderDraft = {
    order,
    charges: [],
    sources: [],
    market,
    doneUnits: new Map(),
    capturedMinorByItem: new Map(),
    itemLastMs: new Map(),
    lastMs: t0,
  };
  decidePayment(ctx, draft, plan, totalMinor);
  return draft;
}

// Private: moves the new order through its first states and creates its payment objects.
function decidePayment(ctx: SeedContext, draft: OrderDraft, plan: OrderPlan, totalMinor: number): void {
  const { rng } = ctx;
  const { order } = draft;
  const t0 = plan.createdMs;
  const pushPayment = PUSH_METHODS.includes(plan.method);
  const at = (ms: number): string => isoSeconds(ms);
  const set = (state: OrderState, ms: number): void => {
    order.stateTransitions[state] = at(ms);
    order.state = state;
    draft.lastMs = Math.max(draft.lastMs, ms);
  };

  if (plan.state === 'pending_payment' || plan.unpaidCancel) {
    set('pending_payment', t0 + 3_000);
    createPayment(ctx, draft, plan, totalMinor, { authorisedMs: undefined, sourceMs: t0 - rng.int(1, 5) * MINUTE });
    if (plan.unpaidCancel) {
      const cancelledMs = t0 + rng.int(3, 7) * DAY;
      set('cancelled', cancelledMs);
      order.cancelReason = 'payment_not_received';
      for (const item of order.items) {
        item.state = 'cancelled';
        item.stateTransitions['cancelled'] = at(cancelledMs);
      }
      for (const source of draft.sources) source.state = 'cancelled';
      order.payment.session.state = 'cancelled';
      delete order.payment.session.nextAction;
    }
    return;
  }

  let decisionMs = t0 + 4_000;
  if (pushPayment) {
    set('pending_payment', t0 + 3_000);
    decisionMs = t0 + rng.int(20, 72) * HOUR;
  }
  if (plan.viaReview || plan.state === 'in_review' || plan.state === 'blocked') {
    const reviewMs = pushPayment ? decisionMs : t0 + 5_000;
    set('in_review', reviewMs);
    order.fraudState = 'review_opened';
    order.fraudStateTransitions.review_opened = at(reviewMs);
    decisionMs = reviewMs + rng.int(2, 20) * HOUR;
  }
  const authorisedMs = pushPayment ? decisionMs - MINUTE : t0 + 2_000;
  createPayment(ctx, draft, plan, totalMinor, { authorisedMs, sourceMs: t0 - rng.int(1, 5) * MINUTE });
  if (plan.state === 'in_review') return;

  if (plan.state === 'blocked') {
    set('blocked', decisionMs);
    order.fraudState = 'blocked';
    order.fraudStateTransitions.blocked = at(decisionMs);
    for (const item of order.items) {
      item.state = 'blocked';
      item.stateTransitions['blocked'] = at(decisionMs);
    }
    // A blocked order's authorisation is released (§10.1: "in the example the charge is cancelled").
    applyOrderOperation(draft.charges, { kind: 'cancel', amountMinor: totalMinor, createdTime: at(decisionMs + 30_000), state: 'complete' }, ctx.ids);
    draft.lastMs = decisionMs + 30_000;
    return;
  }

  set('accepted', decisionMs);
  draft.acceptedMs = decisionMs;
  // Upstream omits fraudState on some complete orders (§14 #13); keep it on most.
  if (rng.chance(0.9)) order.fraudState = 'passed';
  order.fraudStateTransitions.passed = at(decisionMs);
}

// Private: 1–4 distinct products of the order's kind, 1–5 units each.
function pickLines(ctx: SeedContext, physical: boolean): { product: SeedProduct; quantity: number }[] {
  const pool = ctx.rng.shuffle(ctx.products.filter((p) => p.physical === physical && p.key !== 'cable'));
  const count = ctx.rng.weighted({ '1': 45, '2': 30, '3': 15, '4': 10 });
  return pool.slice(0, Number(count)).map((product) => ({ product, quantity: Number(ctx.rng.weighted({ '1': 50, '2': 25, '3': 12, '4': 8, '5': 5 })) }));
}

// Private: a product's unit price in the market's minor units.
function unitMinor(product: SeedProduct, currency: string): number {
  const factor = PRICE_FACTOR[currency] ?? 1;
  return Math.round(product.unitPriceUsd * factor * 10 ** fractionDigits(currency));
}
