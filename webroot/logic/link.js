// The link of a reminder SMS: /m#code (docs/app.md, "From the SMS"). Pure: no DOM, no fetch.

const CODE = /^[A-Za-z0-9_-]{16}$/;

/** The sign-in code a location carries, or null: only /m with a well-formed code after the #. */
export function linkCode(pathname, hash) {
  if (pathname !== '/m') return null;
  const code = (hash ?? '').replace(/^#/, '');
  return CODE.test(code) ? code : null;
}

/** Whether the address bar shows a link that should go at once (the code, or /m without one). */
export function isLinkLocation(pathname) {
  return pathname === '/m';
}

/** Six digits, as a person may type them (spaces and all); null until there are six. */
export function oneTimeCode(typed) {
  const digits = String(typed ?? '').replace(/\s+/g, '');
  return /^[0-9]{6}$/.test(digits) ? digits : null;
}

/**
 * What an answer of POST /auth/link means to the app. `status` is null when no answer came (offline).
 *   signed-in   a new session: take the tokens, open the item
 *   kept        the person was signed in already: open the item
 *   otp         a one-time code is on its way to the phone (auth.linkSignIn: code): fresh, or sent before and still valid
 *   otp-wrong   the code typed is not the one sent; attemptsLeft more tries
 *   otp-expired the code ran out: ask for another
 *   limited     too many tries from here; wait `seconds`
 *   refused     the link cannot sign in (used, expired, not one): sign in, then open itemId if there is one
 *   network     no answer
 */
export function linkOutcome(status, json) {
  if (status === null || status === undefined) return { kind: 'network' };
  if (status === 200 && json?.session === 'new') return { kind: 'signed-in', itemId: json.itemId, tokens: json };
  if (status === 200 && json?.session === 'kept') return { kind: 'kept', itemId: json.itemId };
  if (status === 202) {
    return { kind: 'otp', sentTo: json?.sentTo ?? '', expiresIn: json?.expiresIn ?? 0, fresh: json?.otp === 'sent', itemId: json?.itemId ?? null };
  }
  if (status === 429) return { kind: 'limited', seconds: json?.retryAfterSeconds ?? 60 };
  if (status === 401 && json?.type === '/problems/otp-wrong') return { kind: 'otp-wrong', attemptsLeft: json.attemptsLeft ?? 0 };
  if (status === 401 && json?.type === '/problems/otp-expired') return { kind: 'otp-expired' };
  return { kind: 'refused', itemId: Number.isInteger(json?.itemId) ? json.itemId : null };
}

/** The address of an item's conversation in the app. */
export function itemLocation(itemId) {
  return `/#/items/${itemId}`;
}
