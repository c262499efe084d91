// Where a page's WebSocket to the gateway stands, in words the page shows (kept free of DOM types so state code is testable in Node).

/** `connecting` at first, `live` once acknowledged, `reconnecting` after a drop, `closed` when refused or given up. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed';
