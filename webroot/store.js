// The one module that talks to the API. Components get the state (data down) and call these
// actions from their events (events up); nothing else fetches.
//
// Tokens: the access token lives in this module's memory only, and is renewed before it expires
// and after a 401. The refresh token is an HttpOnly cookie the browser sends to /auth/refresh
// alone: no script here, or slipped in, can read it.
import { offsetFromDateHeader, offsetFromInstant, serverNow } from './logic/clock.js';
import { compose, outcome, reportBody, sendingOrder, toUpload, uploaded } from './logic/outbox.js';
import { lang, setLang as chooseLang } from './i18n.js';
import { isLinkLocation, itemLocation, linkCode, linkOutcome, oneTimeCode } from './logic/link.js';
import {
  authMessage, itemWithPhase, listFromSnapshot, listKeepingReminders, listWithCountdowns, listWithItem, offsetFromServerTime, reconnectDelay, resumePointAfter, resumesAfter,
  rowWithPhase, touchesReports, withEvents,
} from './logic/live.js';
import { answerIsNewer, listWithUnread, markTarget } from './logic/unread.js';

let access = null;
let refreshTimer = null;
let refreshing = null;
const listeners = new Set();

let state = {
  lang: lang(),
  phase: 'starting', // starting | signed-out | signed-in
  session: null, // { personId, role }
  me: null, // GET /me: who is signed in, with the unit they act for
  signIn: { busy: false, error: null },
  // the link of a reminder SMS while it is being opened (linkPending), and after: the item it names, why it
  // could not sign in (notice), or the one-time code it had sent (otp)
  linkPending: false,
  link: null, // { code, itemId, notice: expired | limited | network | item, seconds, otp: { sentTo, busy, error, resent, stillValid } }
  filters: { board: '', status: 'open' },
  items: { list: [], loaded: false, busy: false, error: null },
  current: null, // { id, item, events, reports, reminders, busy, error }
  outbox: [],
  progress: {}, // queued report's key -> the fraction of each of its files uploaded
  online: navigator.onLine,
  offsetMs: 0,
  updateReady: false,
};

export function getState() {
  return state;
}

export function subscribe(listener) {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

function set(patch) {
  state = { ...state, ...patch };
  for (const listener of listeners) listener(state);
}

export function now() {
  return serverNow(state.offsetMs);
}

// ---- HTTP ----

class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function raw(path, { method = 'GET', body, headers = {}, token = access } = {}) {
  const sent = Date.now();
  const init = { method, headers: { ...headers }, credentials: 'same-origin', cache: 'no-store' };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const offset = offsetFromDateHeader(response.headers.get('Date'), Date.now());
  if (offset !== null && !state.clockExact) set({ offsetMs: offset });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  return { status: response.status, json, sent };
}

/** An API call as the signed-in person: renews the token once on a 401, then answers or throws a Problem. */
async function api(path, options = {}) {
  let answer = await raw(path, options);
  if (answer.status === 401 && access) {
    if (await renew()) answer = await raw(path, options);
  }
  if (answer.status === 401) signedOut();
  if (answer.status >= 400) throw new Problem(answer.status, answer.json);
  return answer;
}

// ---- the session ----

function takeTokens(json) {
  access = json.accessToken;
  clearTimeout(refreshTimer);
  // renew a minute before the token runs out (a quarter of its life for very short ones)
  const seconds = json.expiresIn;
  const ahead = Math.min(60, seconds / 4);
  refreshTimer = setTimeout(() => renew(), Math.max(1, seconds - ahead) * 1000);
  set({ phase: 'signed-in', session: { personId: json.personId, role: json.role } });
  // the open socket takes the new token and continues; none open yet: one opens with it
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'auth', token: access }));
  else if (!socket) connectLive();
}

/** Trades the refresh cookie for a new access token; one at a time, however many callers ask. */
export function renew() {
  if (!refreshing) {
    refreshing = raw('/auth/refresh', { method: 'POST', token: null })
      .then((answer) => {
        if (answer.status === 200) {
          takeTokens(answer.json);
          return true;
        }
        if (answer.status === 401) signedOut();
        return false;
      })
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

function signedOut() {
  access = null;
  clearTimeout(refreshTimer);
  closeLive();
  forgetMarks();
  set({ phase: 'signed-out', session: null, items: { list: [], loaded: false, busy: false, error: null }, current: null, link: null });
}

/**
 * On start: a session survives a reload through the cookie, without any token kept by script. Opened
 * from an SMS (/m#code), the code leaves the address bar before anything else happens, then the link is
 * tried with whoever the cookie signs in, if anyone.
 */
export async function start() {
  const code = takeLinkCode();
  if (code) set({ linkPending: true });
  await loadOutbox();
  window.addEventListener('online', () => {
    set({ online: true });
    flush();
    // a socket waiting out its delay reconnects now
    if (access && !socket) {
      liveAttempt = 0;
      connectLive();
    }
  });
  window.addEventListener('offline', () => set({ online: false }));
  // an item left open in a tab in the background is marked read when it is looked at again
  document.addEventListener('visibilitychange', () => markShown());
  const ok = await renew();
  if (code) await openLink(code, ok);
  else if (!ok) set({ phase: 'signed-out' });
  else afterSignIn();
}

export async function signIn(login, password) {
  set({ signIn: { busy: true, error: null } });
  try {
    const answer = await raw('/auth/login', { method: 'POST', token: null, body: { login, password, refreshTokenIn: 'cookie' } });
    if (answer.status === 200) {
      // a link that could not sign in named its item: it opens now
      showItem(state.link?.itemId);
      set({ signIn: { busy: false, error: null }, link: null });
      takeTokens(answer.json);
      afterSignIn();
      return;
    }
    if (answer.status === 429) {
      set({ signIn: { busy: false, error: { kind: 'locked', seconds: answer.json?.retryAfterSeconds ?? 0 } } });
    } else if (answer.status === 401) {
      set({ signIn: { busy: false, error: { kind: 'wrong' } } });
    } else {
      set({ signIn: { busy: false, error: { kind: 'failed', detail: answer.json?.detail ?? `HTTP ${answer.status}` } } });
    }
  } catch {
    set({ signIn: { busy: false, error: { kind: 'network' } } });
  }
}

export async function signOut() {
  try {
    await raw('/auth/logout', { method: 'POST' });
  } catch {
    // offline: the session ends on the server when its tokens run out
  }
  signedOut();
}

// ---- the link of a reminder SMS (/m#code, docs/app.md "From the SMS") ----

/** The code leaves the address bar at once: not kept in the history, not shown in a screenshot or a shared URL. */
function takeLinkCode() {
  const code = linkCode(location.pathname, location.hash);
  if (isLinkLocation(location.pathname)) history.replaceState(null, '', '/');
  return code;
}

/** The item's conversation, opened by the router once someone is signed in. */
function showItem(itemId) {
  if (Number.isInteger(itemId)) history.replaceState(null, '', itemLocation(itemId));
}

async function postLink(body) {
  try {
    const answer = await raw('/auth/link', { method: 'POST', body, token: access });
    return linkOutcome(answer.status, answer.json);
  } catch {
    return linkOutcome(null);
  }
}

function linkSignedIn(outcome) {
  showItem(outcome.itemId);
  set({ link: null });
  takeTokens(outcome.tokens);
  afterSignIn();
}

/** A link that cannot sign in shows the sign-in screen saying so; the item it names opens after a sign-in. */
function linkRefused(outcome) {
  const notice = outcome.kind === 'limited' || outcome.kind === 'network' ? outcome.kind : 'expired';
  set({ phase: 'signed-out', link: { itemId: outcome.itemId ?? null, notice, seconds: outcome.seconds ?? 0 } });
}

async function openLink(code, signedIn) {
  try {
    const outcome = await postLink({ code });
    if (outcome.kind === 'signed-in') linkSignedIn(outcome);
    else if (outcome.kind === 'otp') {
      set({ phase: 'signed-out', link: { code, itemId: outcome.itemId, otp: { sentTo: outcome.sentTo, busy: false, error: null } } });
    } else if (signedIn) {
      // their own link, or someone else's: whoever is signed in stays, and sees the item if it is theirs to see
      showItem(outcome.itemId);
      afterSignIn();
    } else linkRefused(outcome);
  } finally {
    set({ linkPending: false });
  }
}

function setOtp(patch) {
  if (state.link?.otp) set({ link: { ...state.link, otp: { ...state.link.otp, ...patch } } });
}

const otpErrors = { 'otp-wrong': 'wrong', 'otp-expired': 'expired', limited: 'limited', network: 'network' };

/** auth.linkSignIn: code: the six digits sent to the phone, with the link's code. */
export async function confirmLinkCode(typed) {
  const code = state.link?.code;
  const otp = oneTimeCode(typed);
  if (!code || !otp) return;
  setOtp({ busy: true, error: null, resent: false, stillValid: 0 });
  const outcome = await postLink({ code, otp });
  if (outcome.kind === 'signed-in') linkSignedIn(outcome);
  else if (otpErrors[outcome.kind]) setOtp({ busy: false, error: { ...outcome, kind: otpErrors[outcome.kind] } });
  else linkRefused(outcome);
}

/** Another one-time code, when the first ran out or never came. */
export async function resendLinkCode() {
  const code = state.link?.code;
  if (!code) return;
  setOtp({ busy: true, error: null, resent: false, stillValid: 0 });
  const outcome = await postLink({ code });
  if (outcome.kind === 'otp') setOtp({ busy: false, sentTo: outcome.sentTo, resent: outcome.fresh, stillValid: outcome.fresh ? 0 : outcome.expiresIn });
  else if (otpErrors[outcome.kind]) setOtp({ busy: false, error: { ...outcome, kind: otpErrors[outcome.kind] } });
  else linkRefused(outcome);
}

/** The person signs in with login and password instead; the item opens after all. */
export function forgetLink() {
  set({ link: state.link?.itemId == null ? null : { itemId: state.link.itemId, notice: 'item' } });
}

function afterSignIn() {
  loadMe();
  syncClock();
  loadItems();
  flush();
}

/** The signed-in person (GET /me): their role and unit say which of the item's steps are theirs. */
async function loadMe() {
  set({ me: null });
  try {
    const answer = await api('/me');
    set({ me: answer.json });
  } catch {
    // without it the item shows no step that needs it; the server decides every step anyway
  }
}

/** The domain clock (GET /clock) is exact and right under a simulated clock too; the Date header is the fallback. */
async function syncClock() {
  try {
    const answer = await api('/clock');
    const offset = offsetFromInstant(answer.json.now, answer.sent, Date.now());
    if (offset !== null) set({ offsetMs: offset, clockExact: true });
  } catch {
    // keep the Date header's offset
  }
}

export function setLang(next) {
  chooseLang(next);
  set({ lang: lang() });
}

export function setUpdateReady() {
  set({ updateReady: true });
}

// ---- items ----

export function setFilters(filters) {
  set({ filters: { ...state.filters, ...filters } });
  loadItems();
}

let itemsRead = null; // the read of my items under way: { query, done }

/**
 * Reads my items under the filters. A second call for the same filters while one is under way (a pull and a tap,
 * say) joins it instead of reading twice; an answer for filters since changed is left for the newer read.
 */
export function loadItems() {
  const query = new URLSearchParams({ limit: '200' });
  if (state.filters.board) query.set('board', state.filters.board);
  if (state.filters.status) query.set('status', state.filters.status);
  const key = query.toString();
  if (itemsRead?.query === key) return itemsRead.done;
  const done = readItems(key).finally(() => {
    if (itemsRead?.done === done) itemsRead = null;
  });
  itemsRead = { query: key, done };
  return done;
}

async function readItems(query) {
  set({ items: { ...state.items, busy: true, error: null } });
  try {
    const answer = await api(`/items?${query}`);
    if (itemsRead?.query !== query) return;
    set({ items: { list: listKeepingReminders(answer.json.items, state.items.list), loaded: true, busy: false, error: null } });
  } catch (e) {
    if (state.phase === 'signed-in' && itemsRead?.query === query) set({ items: { ...state.items, busy: false, error: e.message } });
  }
}

export async function openItem(id) {
  set({ current: { id, item: null, events: [], reports: [], reminders: [], busy: true, error: null } });
  try {
    const [item, events, reports, reminders] = await Promise.all([
      api(`/items/${id}`),
      api(`/items/${id}/events`),
      api(`/items/${id}/reports`),
      api(`/items/${id}/reminders`).catch(() => ({ json: { items: [] } })),
    ]);
    if (state.current?.id !== id) return;
    set({
      current: { id, item: item.json, events: events.json.items, reports: reports.json.items, reminders: reminders.json.items, busy: false, error: null },
    });
    markShown();
  } catch (e) {
    if (state.current?.id === id) set({ current: { ...state.current, busy: false, error: e.status === 404 ? 'notFound' : e.message } });
  }
}

export function closeItem() {
  set({ current: null });
  // once the item's mark has landed, or the list could show as unread what was just read
  marking.then(() => loadItems());
}

// ---- read marks (PUT /items/{id}/read) ----
//
// Kept on the server, so they follow the person to another phone or a desk. The open item is marked read up to
// the newest event it shows, when it opens and whenever a newer one by someone else shows while the page is visible.

const marksSent = new Map(); // item id -> the furthest event id sent
const marksApplied = new Map(); // item id -> the mark whose unread count the list shows
let marking = Promise.resolve();

function markShown() {
  const c = state.current;
  if (!c?.item || document.visibilityState !== 'visible') return;
  const target = markTarget(c.events, marksSent.get(c.id), state.session?.personId);
  if (target === null) return;
  marksSent.set(c.id, target);
  marking = Promise.all([marking, sendMark(c.id, target)]);
}

async function sendMark(id, eventId) {
  try {
    const answer = await api(`/items/${id}/read`, { method: 'PUT', body: { eventId } });
    if (!answerIsNewer(answer.json.eventId, marksApplied.get(id))) return;
    marksApplied.set(id, answer.json.eventId);
    set({ items: { ...state.items, list: listWithUnread(state.items.list, id, answer.json.unread) } });
  } catch {
    // not marked (offline, say): the next event shown or the next opening tries again
    if (marksSent.get(id) === eventId) marksSent.delete(id);
  }
}

function forgetMarks() {
  marksSent.clear();
  marksApplied.clear();
}

// ---- reports and the offline queue (IndexedDB) ----

function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('duban', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('outbox', { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function outboxDo(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction('outbox', mode);
    const result = work(tx.objectStore('outbox'));
    tx.oncomplete = () => {
      db.close();
      resolve(result?.result);
    };
    tx.onerror = () => reject(tx.error);
  });
}

async function loadOutbox() {
  try {
    const entries = await outboxDo('readonly', (s) => s.getAll());
    set({ outbox: sendingOrder(entries ?? []) });
  } catch {
    set({ outbox: [] });
  }
}

async function keep(entry) {
  await outboxDo('readwrite', (s) => s.put(entry));
  await loadOutbox();
}

async function forget(key) {
  await outboxDo('readwrite', (s) => s.delete(key));
  await loadOutbox();
}

/** A report is queued first, with its key, then sent: a network gone mid-way loses nothing. */
export async function submitReport(itemId, text, files = []) {
  const entry = compose(itemId, text, () => crypto.randomUUID(), now(), files);
  await keep(entry);
  await flush();
}

export function discard(key) {
  return forget(key);
}

let flushing = null;
/** The report being posted now, if any: a thread read meanwhile may already hold it while the queue still does. */
let posting = null;

/** Waits for a report of this item still on its way, so the thread never shows it twice, queued and stored. */
async function postSettled(itemId) {
  if (posting?.itemId === itemId) await posting.done.catch(() => {});
}

/** Sends what waits, oldest first, one at a time; a second call while sending waits for the first. */
export function flush() {
  if (!flushing) {
    flushing = (async () => {
      if (state.phase !== 'signed-in') return;
      for (const entry of sendingOrder(state.outbox)) {
        if (entry.state === 'refused') continue;
        let status = null;
        let problem = null;
        try {
          const ready = await uploadFiles(entry);
          const done = api(`/items/${entry.itemId}/reports`, {
            method: 'POST', body: reportBody(ready), headers: { 'Idempotency-Key': entry.key },
          });
          posting = { itemId: entry.itemId, done };
          status = (await done).status;
        } catch (e) {
          status = e instanceof Problem ? e.status : null;
          problem = e instanceof Problem ? e.message : null;
        }
        const result = outcome(status);
        if (result === 'sent') {
          // off the screen at once; the stored copy goes after, as IndexedDB takes its time
          set({ outbox: state.outbox.filter((o) => o.key !== entry.key) });
          posting = null;
          await forget(entry.key);
          const { [entry.key]: _, ...rest } = state.progress;
          set({ progress: rest });
        }
        else if (result === 'refused') {
          // the entry as kept last: with the ids of any files already uploaded
          const latest = state.outbox.find((o) => o.key === entry.key) ?? entry;
          await keep({ ...latest, state: 'refused', problem });
        }
        else break; // offline or failing: the rest waits too, in order
        if (state.current?.id === entry.itemId) refreshThread(entry.itemId);
      }
    })().finally(() => {
      flushing = null;
      posting = null;
    });
  }
  return flushing;
}

/** One file up, with its progress: XMLHttpRequest, as fetch cannot tell how much of a body has gone. */
function put(file, onProgress, token = access) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/attachments?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // not JSON: the status says enough
      }
      resolve({ status: xhr.status, json });
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.send(file.blob);
  });
}

function showProgress(key, index, count, fraction) {
  const fractions = [...(state.progress[key] ?? Array(count).fill(0))];
  fractions[index] = fraction;
  set({ progress: { ...state.progress, [key]: fractions } });
}

/**
 * Uploads the entry's files not yet stored, keeping each attachment id in the queue as soon as the
 * server has the file: after a drop or a reload only the rest goes again. Answers the entry, all up.
 */
async function uploadFiles(entry) {
  let current = entry;
  const count = entry.files?.length ?? 0;
  for (const index of toUpload(entry)) {
    const file = current.files[index];
    const progress = (f) => showProgress(entry.key, index, count, f);
    let answer = await put(file, progress);
    if (answer.status === 401 && (await renew())) answer = await put(file, progress);
    if (answer.status === 401) signedOut();
    if (answer.status !== 201) throw new Problem(answer.status, answer.json);
    current = uploaded(current, index, answer.json.id);
    progress(1);
    await keep(current);
  }
  if (count) for (let i = 0; i < count; i++) showProgress(entry.key, i, count, 1);
  return current;
}

// ---- extension (R32) and completion (R31) ----

function setStep(id, step) {
  if (state.current?.id === id) set({ current: { ...state.current, step } });
}

async function step(id, kind, path, body) {
  setStep(id, { kind, busy: true, error: null, done: false });
  try {
    await api(path, { method: 'POST', body });
    await refreshThread(id);
    setStep(id, { kind, busy: false, error: null, done: true });
  } catch (e) {
    const error = e instanceof Problem ? e.message : 'network';
    setStep(id, { kind, busy: false, error, done: false });
  }
}

/** Asks for a new deadline with a plan and its milestones, at least 2 days before the deadline (R32). */
export function requestExtension(id, newDeadline, plan, milestones = []) {
  return step(id, 'extension', `/items/${id}/extension`, milestones.length ? { newDeadline, plan, milestones } : { newDeadline, plan });
}

/** The sponsor office grades the completion (R33); a leader approves the grade. */
export function gradeItem(id, grade, note) {
  return step(id, 'grade', `/items/${id}/grade`, note ? { grade, note } : { grade });
}

/** The sponsor office asks for sign-off once the grade is approved (R34). */
export function requestSignOff(id) {
  return step(id, 'signOff', `/items/${id}/sign-off`);
}

/** The lead unit applies for completion (R31). */
export function requestCompletion(id) {
  return step(id, 'completion', `/items/${id}/completion`);
}

export function clearStep(id) {
  setStep(id, null);
}

// ---- the sponsor's review of a report (R30) ----

function setReview(id, review) {
  if (state.current?.id === id) set({ current: { ...state.current, review } });
}

/**
 * Accepts or returns a unit's report (R30): `action` is 'accept' or 'return' (with its reason). The thread is
 * read again either way: after a refusal too, as the report may have been reviewed meanwhile.
 */
async function review(id, reportId, unitId, action, body) {
  setReview(id, { reportId, unitId, action, busy: true, error: null, done: false });
  try {
    await api(`/items/${id}/${action}`, { method: 'POST', body });
    await refreshThread(id);
    setReview(id, { reportId, unitId, action, busy: false, error: null, done: true });
  } catch (e) {
    const error = e instanceof Problem ? e.message : 'network';
    await refreshThread(id);
    setReview(id, { reportId, unitId, action, busy: false, error, done: false });
  }
}

/** `reportId` names the report on the screen the review is about; the server reviews the unit's latest. */
export function acceptReport(id, reportId, unitId) {
  return review(id, reportId, unitId, 'accept', { unitId });
}

export function returnReport(id, reportId, unitId, reason) {
  return review(id, reportId, unitId, 'return', { unitId, reason });
}

export function clearReview(id) {
  setReview(id, null);
}

/** A report's file as a Blob, fetched with the token (a plain link would carry none), never kept; null if it did not come. */
export async function attachmentBlob(id) {
  const load = () => fetch(`/attachments/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${access}` }, cache: 'no-store' });
  try {
    let response = await load();
    if (response.status === 401 && (await renew())) response = await load();
    return response.ok ? await response.blob() : null;
  } catch {
    return null;
  }
}

/** A report's file, shown by the browser. */
export async function openAttachment(id) {
  const blob = await attachmentBlob(id);
  if (!blob) return;
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function refreshThread(id) {
  try {
    const [item, events, reports, reminders] = await Promise.all([api(`/items/${id}`), api(`/items/${id}/events`), api(`/items/${id}/reports`),
      api(`/items/${id}/reminders`).catch(() => ({ json: { items: state.current?.reminders ?? [] } }))]);
    await postSettled(id);
    if (state.current?.id === id) {
      set({ current: { ...state.current, item: item.json, events: events.json.items, reports: reports.json.items, reminders: reminders.json.items } });
      markShown();
    }
  } catch {
    // the thread shows what it had
  }
}

// ---- live: the /live WebSocket (openapi/live.asyncapi.yaml) ----
//
// Opened with the first token, told each renewed one, closed on sign-out only. The token goes in the
// first message, never in the URL (nor in a header a proxy might log). Any other close reconnects
// after 1 s, 2 s, 4 s… at most 30 s, and resumes from the last change that came: the server replays
// what was missed, or sends everything afresh. A 4401 renews the token through the refresh cookie
// first (or the sign-in screen shows), and reads afresh: the person's access may have changed.

let socket = null;
let liveTimer = null;
let liveAttempt = 0;
let resumeFrom = null; // where the next socket resumes from; null: it starts afresh

function connectLive() {
  clearTimeout(liveTimer);
  liveTimer = null;
  if (!access || socket) return;
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/live`);
  socket = ws;
  ws.onopen = () => {
    if (socket === ws && access) ws.send(JSON.stringify(authMessage(access, resumeFrom)));
  };
  ws.onmessage = (e) => {
    if (socket !== ws) return;
    let message;
    try {
      message = JSON.parse(e.data);
    } catch {
      return;
    }
    onLive(message, Date.now());
  };
  ws.onclose = (e) => {
    if (socket !== ws) return;
    socket = null;
    if (!access) return; // signed out
    if (!resumesAfter(e.code)) resumeFrom = null;
    if (e.code === 4401) {
      renew().then((ok) => {
        if (!ok) signedOut();
        else if (!socket) scheduleLive();
      });
    } else {
      scheduleLive();
    }
  };
}

function scheduleLive() {
  clearTimeout(liveTimer);
  liveTimer = setTimeout(connectLive, reconnectDelay(liveAttempt));
  liveAttempt += 1;
}

function closeLive() {
  clearTimeout(liveTimer);
  liveTimer = null;
  liveAttempt = 0;
  resumeFrom = null;
  const ws = socket;
  socket = null;
  if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'signed out');
}

function onLive(message, receivedAt) {
  const offset = offsetFromServerTime(message.serverTime, receivedAt);
  if (offset !== null && Math.abs(offset - state.offsetMs) > 250) set({ offsetMs: offset, clockExact: true });
  resumeFrom = resumePointAfter(resumeFrom, message);
  switch (message.type) {
    case 'authenticated':
      liveAttempt = 0;
      break;
    case 'snapshot': {
      const list = listFromSnapshot(message, state.filters);
      if (list === null) loadItems();
      else set({ items: { list, loaded: true, busy: false, error: null } });
      // changes may have been missed while away: the open item is read afresh too
      if (message.reason !== 'auth' && state.current?.item) refreshThread(state.current.id);
      break;
    }
    case 'resumed': {
      // what was missed came as item messages; the clock may have moved any countdown meanwhile
      const patch = { items: { ...state.items, list: listWithCountdowns(state.items.list, message.countdowns) } };
      const c = state.current;
      const now = c?.item && message.countdowns?.find((n) => n.itemId === c.id);
      if (now) patch.current = { ...c, item: itemWithPhase(c.item, now.countdown) };
      set(patch);
      break;
    }
    case 'item': {
      const { item, countdown, events = [] } = message;
      const patch = { items: { ...state.items, list: listWithItem(state.items.list, item, countdown, state.filters) } };
      if (state.current?.id === item.id && state.current.item) {
        patch.current = { ...state.current, item, events: withEvents(state.current.events, events) };
      }
      set(patch);
      if (patch.current) markShown();
      if (patch.current && touchesReports(events)) refreshReports(item.id);
      break;
    }
    case 'phase': {
      const list = state.items.list.map((r) => (r.id === message.itemId ? rowWithPhase(r, message.countdown) : r));
      const patch = { items: { ...state.items, list } };
      const c = state.current;
      if (c?.id === message.itemId && c.item) patch.current = { ...c, item: itemWithPhase(c.item, message.countdown) };
      set(patch);
      break;
    }
    default:
      break; // pong and anything newer: its serverTime was all
  }
}

/** The open item's reports read again: a return changes a report's status, and the thread shows it. */
async function refreshReports(id) {
  try {
    const reports = await api(`/items/${id}/reports`);
    await postSettled(id);
    if (state.current?.id === id) set({ current: { ...state.current, reports: reports.json.items } });
  } catch {
    // the thread shows what it had
  }
}
