// An item as a conversation: its header, its timeline as a thread (newest at the bottom), the composer.
// What is offered follows the reader's role as the server gave it: a liaison reports and asks for an
// extension or completion; the sponsor office's staff accept or return a waiting report (R30).
import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { t } from '../i18n.js';
import { light } from '../logic/light.js';
import { serverNow } from '../logic/clock.js';
import { calendarNote } from '../logic/calendar.js';
import { thread } from '../logic/thread.js';
import { awaitingReview } from '../logic/review.js';
import { localTime } from '../logic/time.js';
import './duban-light.js';
import './duban-countdown.js';
import './duban-message.js';
import './duban-composer.js';
import './duban-steps.js';
import './duban-why.js';
import './duban-office.js';


class DubanItem extends LitElement {
  static properties = {
    lang: {}, current: { attribute: false }, offsetMs: { type: Number }, outbox: { attribute: false },
    progress: { attribute: false }, online: { type: Boolean }, role: {}, me: { attribute: false },
  };

  static styles = css`
    :host { display: flex; flex-direction: column; min-height: calc(100vh - 52px); }
    .head { padding: 0.5rem 0.75rem 0.75rem; border-bottom: 1px solid var(--line); background: #fff; }
    .back {
      min-height: 44px; min-width: 44px; font: inherit; background: none; border: 0; color: var(--focus); padding: 0 0.25rem;
      cursor: pointer; text-decoration: underline;
    }
    .back:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    h1 { font-size: 1.25rem; margin: 0.25rem 0; overflow-wrap: anywhere; }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.75rem; margin: 0.5rem 0 0; font-size: 0.9375rem; }
    dt { color: var(--muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .note { font-size: 0.875rem; color: #5c4300; }
    .badge { font-size: 0.8125rem; padding: 0.125rem 0.5rem; border-radius: 1rem; font-weight: 700; background: #fce8e6; color: #8c1d18; }
    h2 { font-size: 1rem; margin: 0.75rem 0.75rem 0.25rem; color: var(--muted); }
    ol { list-style: none; margin: 0; padding: 0.25rem 0.75rem 1rem; display: grid; gap: 0.625rem; flex: 1; align-content: start; }
    .state { padding: 1.5rem 0.75rem; color: var(--muted); }
    .error { color: #8c1d18; }
    duban-composer { position: sticky; bottom: 0; }
    /* the composer sits over the end of the thread: a message scrolled into view stops above it */
    li { scroll-margin-bottom: 9rem; }
  `;

  render() {
    const c = this.current;
    const back = html`<button type="button" class="back" @click=${() => this.emit('back')}>‹ ${t('back')}</button>`;
    if (!c.item) {
      return html`<div class="head">${back}</div>
        <p class="state ${c.error ? 'error' : ''}" role=${c.error ? 'alert' : 'status'}>
          ${c.error ? (c.error === 'notFound' ? t('notFound') : c.error) : t('loading')}</p>`;
    }
    const item = c.item;
    const mine = item.units.find((u) => u.status !== undefined) ?? null;
    const deadline = mine?.deadline ?? item.deadline;
    const view = { ...item, nextDeadline: deadline, returns: mine?.returns ?? 0, unitStatus: mine?.status, overdue: mine?.overdue ?? item.overdue };
    const colour = light(view, serverNow(this.offsetMs));
    const lead = item.units.filter((u) => u.role === 'lead').map((u) => u.name).join('、');
    const cooperating = item.units.filter((u) => u.role === 'cooperating').map((u) => u.name).join('、');
    const note = calendarNote(item.calendar, this.lang);
    const liaison = this.role === 'liaison';
    const entries = thread(c.events, c.reports, c.reminders, { viewer: liaison ? 'unit' : 'office', units: item.units });
    const waiting = awaitingReview(this.me, item, c.reports);
    const review = (e) => {
      if (e.kind !== 'report') return null;
      const unitId = waiting.get(e.report.id);
      const state = c.review?.reportId === e.report.id ? c.review : null;
      return unitId !== undefined || state ? { unitId: unitId ?? e.report.unitId, waiting: unitId !== undefined, state } : null;
    };
    return html`
      <section class="head" aria-labelledby="title">
        ${back}
        <div class="row"><span>${item.number}</span><duban-light .light=${colour} .lang=${this.lang}></duban-light>
          ${item.keySupervision ? html`<span class="badge">${t('keySupervision')}</span>` : nothing}</div>
        <h1 id="title">${item.title}</h1>
        <dl>
          ${item.node ? html`<dt>${t('node')}</dt><dd>${t('nodes')[item.node] ?? item.node}</dd>` : nothing}
          <dt>${t('deadline')}</dt>
          <dd>${deadline ? html`${localTime(deadline, this.lang)}<br><duban-countdown .deadline=${deadline} .offsetMs=${this.offsetMs} .lang=${this.lang}></duban-countdown>` : t('noDeadline')}
            ${note ? html`<br><span class="note">${note}</span>` : nothing}</dd>
          <dt>${t('lead')}</dt><dd>${lead}</dd>
          ${cooperating ? html`<dt>${t('cooperating')}</dt><dd>${cooperating}</dd>` : nothing}
          <dt>${t('sponsor')}</dt><dd>${item.sponsorName}</dd>
        </dl>
        <duban-why .lang=${this.lang} .item=${item} .events=${c.events} .reminders=${c.reminders} .nowMs=${serverNow(this.offsetMs)}></duban-why>
      </section>
      ${liaison ? html`<duban-steps .lang=${this.lang} .item=${item} .step=${c.step ?? null} .nowMs=${serverNow(this.offsetMs)}></duban-steps>`
        : html`<duban-office .lang=${this.lang} .item=${item} .me=${this.me} .step=${c.step ?? null}></duban-office>`}
      <h2>${t('thread')}</h2>
      <ol aria-label=${t('thread')}>
        ${repeat(entries, (e) => e.id, (e) => html`<li><duban-message .entry=${e} .lang=${this.lang} .review=${review(e)}></duban-message></li>`)}
        ${repeat(this.outbox ?? [], (o) => o.key, (o) => html`<li><duban-message .lang=${this.lang}
          .entry=${{ side: 'mine', kind: 'queued', at: o.composedAt, id: o.key, queued: o, progress: this.progress?.[o.key], online: this.online }}
          @discard=${() => this.emit('discard', { key: o.key })}></duban-message></li>`)}
      </ol>
      ${!liaison || item.status === 'closed' || item.status === 'draft' ? nothing : html`<duban-composer .lang=${this.lang}
        @send-report=${(e) => { e.stopPropagation(); this.emit('send-report', e.detail); }}></duban-composer>`}
    `;
  }

  updated(changed) {
    // the newest message is at the bottom: keep it in view as the thread grows
    const before = changed.get('current');
    const grew = before && (before.reports?.length !== this.current.reports?.length || before.item !== this.current.item);
    if (grew || changed.has('outbox')) this.showNewest();
  }

  /** Once the newest message has drawn itself (its height is known only then), brings it above the composer. */
  async showNewest() {
    const last = this.renderRoot.querySelector('ol li:last-child');
    if (!last) return;
    await last.querySelector('duban-message')?.updateComplete;
    requestAnimationFrame(() => {
      // the composer's height changes with the photos picked: the margin follows it
      const composer = this.renderRoot.querySelector('duban-composer');
      last.style.scrollMarginBottom = `${(composer?.offsetHeight ?? 144) + 8}px`;
      last.scrollIntoView({ block: 'end' });
    });
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('duban-item', DubanItem);
