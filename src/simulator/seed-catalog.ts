// Fixed demo catalogue for the seed: customers' countries and names, products, carriers, tax rates.

import type { Address } from './wire-types';

/** A market the seed sells into: currency, locale, taxes, shipping and selling entity. */
export interface Market {
  country: string;
  currency: string;
  locale: string;
  taxRates: readonly number[];
  /** Shipping prices in minor units. */
  shippingMinor: readonly number[];
  sellingEntity: { id: string; name: string };
  carriers: readonly { company: string; url: string }[];
  addresses: readonly Omit<Address, 'country'>[];
}

/** The markets, keyed by country. */
export const MARKETS: Readonly<Record<'US' | 'DE' | 'GB' | 'JP', Market>> = {
  US: {
    country: 'US',
    currency: 'USD',
    locale: 'en_US',
    taxRates: [0.06, 0.0725, 0.08025, 0.08875, 0.0975],
    shippingMinor: [500, 999, 0, 1495],
    sellingEntity: { id: 'C5_INC-ENTITY', name: 'DR globalTech Inc.' },
    carriers: [
      { company: 'UPS', url: 'https://www.ups.com/track?tracknum=' },
      { company: 'Fedex', url: 'http://www.fedex.com/Tracking?tracknumbers=' },
      { company: 'USPS', url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=' },
    ],
    addresses: [
      { line1: '1234 Any Road W', city: 'Minneapolis', postalCode: '55401', state: 'MN' },
      { line1: '10380 Bren Rd W', city: 'Minnetonka', postalCode: '55343', state: 'MN' },
      { line1: '500 Pine St', line2: 'Apt 4B', city: 'Seattle', postalCode: '98101', state: 'WA' },
      { line1: '77 Massachusetts Ave', city: 'Cambridge', postalCode: '02139', state: 'MA' },
      { line1: '2200 Congress Ave', city: 'Austin', postalCode: '78701', state: 'TX' },
    ],
  },
  DE: {
    country: 'DE',
    currency: 'EUR',
    locale: 'de_DE',
    taxRates: [0.19],
    shippingMinor: [495, 0],
    sellingEntity: { id: 'DR_IRELAND-ENTITY', name: 'Digital River Ireland Ltd.' },
    carriers: [{ company: 'DHL', url: 'https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode=' }],
    addresses: [
      { line1: 'Friedrichstraße 43', city: 'Berlin', postalCode: '10117' },
      { line1: 'Leopoldstraße 12', city: 'München', postalCode: '80802' },
    ],
  },
  GB: {
    country: 'GB',
    currency: 'GBP',
    locale: 'en_GB',
    taxRates: [0.2],
    shippingMinor: [399, 0],
    sellingEntity: { id: 'DR_IRELAND-ENTITY', name: 'Digital River Ireland Ltd.' },
    carriers: [{ company: 'Royal Mail', url: 'https://www.royalmail.com/track-your-item#/tracking-results/' }],
    addresses: [
      { line1: '221B Baker Street', city: 'London', postalCode: 'NW1 6XE' },
      { line1: '1 Deansgate', city: 'Manchester', postalCode: 'M3 1AZ' },
    ],
  },
  JP: {
    country: 'JP',
    currency: 'JPY',
    locale: 'ja_JP',
    taxRates: [0.1],
    shippingMinor: [500, 0],
    sellingEntity: { id: 'DR_JAPAN-ENTITY', name: 'Digital River Japan K.K.' },
    carriers: [{ company: 'Japan Post', url: 'https://trackings.post.japanpost.jp/services/srv/search/?requestNo1=' }],
    addresses: [
      { line1: '1-1-2 Oshiage', city: 'Sumida-ku', postalCode: '131-0045', state: 'Tokyo' },
      { line1: '2-4-1 Shibakoen', city: 'Minato-ku', postalCode: '105-0011', state: 'Tokyo' },
    ],
  },
};

/** A registered customer or a guest template; guests get no `customerId`. */
export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  country: keyof typeof MARKETS;
  customerType: 'individual' | 'business';
  organization?: string;
}

/** The eight registered customers, in the order their ids are minted. */
export const CUSTOMERS: readonly Person[] = [
  { firstName: 'Chase', lastName: 'Marshall', email: 'chase.marshall@example.org', phone: '952-555-0101', country: 'US', customerType: 'individual' },
  { firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@example.org', phone: '206-555-0142', country: 'US', customerType: 'individual' },
  { firstName: 'Guy', lastName: 'Incognito', email: 'guy@example.org', phone: '612-555-0188', country: 'US', customerType: 'individual' },
  { firstName: 'Priya', lastName: 'Raman', email: 'procurement@northwind.example.com', phone: '512-555-0110', country: 'US', customerType: 'business', organization: 'Northwind Traders' },
  { firstName: 'Maya', lastName: 'Okafor', email: 'maya.okafor@example.net', phone: '617-555-0166', country: 'US', customerType: 'individual' },
  { firstName: 'Lena', lastName: 'Vogel', email: 'lena.vogel@example.de', phone: '+49 30 5550123', country: 'DE', customerType: 'individual' },
  { firstName: 'Oliver', lastName: 'Hughes', email: 'oliver.hughes@example.co.uk', phone: '+44 20 5550 1234', country: 'GB', customerType: 'individual' },
  { firstName: 'Haruto', lastName: 'Sato', email: 'haruto.sato@example.jp', phone: '+81 3-5550-1234', country: 'JP', customerType: 'individual' },
];

/** Guests: people who check out without an account. */
export const GUESTS: readonly Person[] = [
  { firstName: 'Sam', lastName: 'Rivera', email: 'sam.rivera@example.com', phone: '303-555-0177', country: 'US', customerType: 'individual' },
  { firstName: 'Jo', lastName: 'Park', email: 'jo.park@example.com', phone: '415-555-0123', country: 'US', customerType: 'individual' },
  { firstName: 'Emma', lastName: 'Schulz', email: 'emma.schulz@example.de', phone: '+49 89 5550199', country: 'DE', customerType: 'individual' },
  { firstName: 'Yui', lastName: 'Tanaka', email: 'yui.tanaka@example.jp', phone: '+81 6-5550-9876', country: 'JP', customerType: 'individual' },
];

/** A product; prices are per unit in major USD and scaled per market. */
export interface Product {
  key: string;
  name: string;
  description: string;
  unitPriceUsd: number;
  physical: boolean;
  weightGrams?: number;
  countryOfOrigin: string;
}

/** The products the seed sells. */
export const PRODUCTS: readonly Product[] = [
  { key: 'widget', name: 'Widget', description: 'A small gadget or mechanical device', unitPriceUsd: 10.0, physical: true, weightGrams: 10, countryOfOrigin: 'US' },
  { key: 'headphones', name: 'Studio Headphones', description: 'Closed-back over-ear headphones', unitPriceUsd: 89.99, physical: true, weightGrams: 310, countryOfOrigin: 'CN' },
  { key: 'keyboard', name: 'Mechanical Keyboard', description: 'Tenkeyless keyboard with brown switches', unitPriceUsd: 119.0, physical: true, weightGrams: 820, countryOfOrigin: 'TW' },
  { key: 'mouse', name: 'Wireless Mouse', description: 'Ergonomic 2.4 GHz mouse', unitPriceUsd: 24.5, physical: true, weightGrams: 95, countryOfOrigin: 'CN' },
  { key: 'charger', name: 'USB-C Charger 65W', description: 'GaN wall charger', unitPriceUsd: 39.95, physical: true, weightGrams: 120, countryOfOrigin: 'CN' },
  { key: 'mug', name: 'Logo Mug', description: 'Ceramic mug, 350 ml', unitPriceUsd: 12.99, physical: true, weightGrams: 380, countryOfOrigin: 'PT' },
  { key: 'tshirt', name: 'Developer T-Shirt', description: 'Organic cotton, unisex', unitPriceUsd: 22.0, physical: true, weightGrams: 180, countryOfOrigin: 'BD' },
  { key: 'cable', name: 'USB-C Cable 1m', description: 'Braided USB-C to USB-C cable', unitPriceUsd: 2.49, physical: true, weightGrams: 30, countryOfOrigin: 'CN' },
  { key: 'suite', name: 'Photo Suite 2024', description: 'Photo editing software, one licence', unitPriceUsd: 79.0, physical: false, countryOfOrigin: 'US' },
  { key: 'antivirus', name: 'Antivirus Plus', description: 'One-year subscription, 3 devices', unitPriceUsd: 39.99, physical: false, countryOfOrigin: 'US' },
  { key: 'ebook', name: 'TypeScript in Depth (e-book)', description: 'DRM-free EPUB and PDF', unitPriceUsd: 29.99, physical: false, countryOfOrigin: 'US' },
  { key: 'game', name: 'Starfield Courier', description: 'Digital game download', unitPriceUsd: 59.99, physical: false, countryOfOrigin: 'SE' },
];

/** The bulk product of the order whose cancellations span several pages. */
export const BULK_PRODUCT_KEYS = ['cable', 'widget'] as const;

/** Multiplier from USD list prices to each market's prices, in major units. */
export const PRICE_FACTOR: Readonly<Record<string, number>> = { USD: 1, EUR: 0.95, GBP: 0.82, JPY: 150 };

/** Cancellation reasons the seed writes (free text upstream). */
export const CANCEL_REASONS = ['requested_by_customer', 'requested_by_customer', 'customer_changed_mind', 'duplicate_order', 'shipping_delay'] as const;

/** Card brands and the last four digits of upstream's test cards. */
export const CARDS = [
  { brand: 'Visa', lastFourDigits: '1111' },
  { brand: 'Visa', lastFourDigits: '4242' },
  { brand: 'MasterCard', lastFourDigits: '4444' },
  { brand: 'American Express', lastFourDigits: '8431' },
  { brand: 'Discover', lastFourDigits: '1117' },
] as const;
