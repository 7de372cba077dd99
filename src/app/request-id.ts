/** A caller's request id is kept when it is 1–128 safe characters; anything else is replaced. */
const SAFE_ID = /^[A-Za-z0-9._:\/+=@-]{1,128}$/;

export function requestIdOf(header: string | string[] | undefined): string | null {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : null;
}

/** W3C Trace Context: `00-<trace id: 32 hex>-<parent id: 16 hex>-<flags: 2 hex>`, ids not all zero. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function traceparentOf(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = TRACEPARENT.exec(header.trim());
  if (!match) return null;
  const [, version, traceId, parentId] = match;
  if (version === 'ff' || /^0+$/.test(traceId!) || /^0+$/.test(parentId!)) return null;
  return match[0];
}
