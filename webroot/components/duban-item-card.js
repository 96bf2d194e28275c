// One row of my items: light, number, title, countdown, the next reminder, badges (new messages, key supervision, returned).
// The whole card is one link-sized button.
import { LitElement, html, css, nothing } from 'lit';
import { t } from '../i18n.js';
import { light, isReturned } from '../logic/light.js';
import { serverNow } from '../logic/clock.js';
import { calendarNote } from '../logic/calendar.js';
import { localTime } from '../logic/time.js';
import { reminderKinds } from '../logic/why.js';
import './duban-light.js';
import './duban-countdown.js';

class DubanItemCard extends LitElement {
  static properties = { item: { attribute: false }, lang: {}, offsetMs: { type: Number } };

  static styles = css`
    :host { display: block; }
    a {
      display: grid; gap: 0.25rem; padding: 0.75rem; min-height: 44px; border: 1px solid var(--line); border-left-width: 6px;
      border-radius: 0.75rem; background: #fff; color: var(--ink); text-decoration: none;
    }
    a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    a.red { border-left-color: var(--red); }
    a.yellow { border-left-color: #f2b600; }
    a.green { border-left-color: #2e8540; }
    .top { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; flex-wrap: wrap; }
    .number { font-size: 0.875rem; color: var(--muted); }
    .title { font-weight: 700; font-size: 1.0625rem; overflow-wrap: anywhere; }
    .when { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; font-size: 0.9375rem; }
    .badges { display: flex; flex-wrap: wrap; gap: 0.375rem; }
    .badge { font-size: 0.8125rem; padding: 0.125rem 0.5rem; border-radius: 1rem; font-weight: 700; }
    .badge.key { background: #fce8e6; color: #8c1d18; }
    .badge.returned { background: var(--yellow-bg); color: #3d2c00; }
    /* white on the focus blue: 6.4:1 */
    .badge.unread { display: inline-flex; align-items: center; gap: 0.375rem; background: var(--focus); color: #fff; }
    .badge.unread::before { content: ''; width: 0.5rem; height: 0.5rem; border-radius: 50%; background: #fff; flex: none; }
    .note { font-size: 0.875rem; color: #5c4300; }
    .meta { font-size: 0.875rem; color: var(--muted); overflow-wrap: anywhere; }
  `;

  render() {
    const i = this.item;
    const colour = light(i, serverNow(this.offsetMs));
    const note = i.nextDeadline ? calendarNote(i.calendar, this.lang) : null;
    return html`<a href="#/items/${i.id}" class=${colour} @click=${this.open}>
      <span class="top"><span class="number">${i.number}</span><duban-light .light=${colour} .lang=${this.lang}></duban-light></span>
      <span class="title">${i.title}</span>
      <span class="when">
        ${i.nextDeadline
          ? html`<duban-countdown .deadline=${i.nextDeadline} .offsetMs=${this.offsetMs} .lang=${this.lang}></duban-countdown>`
          : html`<span>${t('noDeadline')}</span>`}
        <span class="meta">${t('statuses')[i.status] ?? i.status}</span>
      </span>
      ${note ? html`<span class="note">${note}</span>` : nothing}
      ${this.nextReminder(i)}
      ${i.unread > 0 || i.keySupervision || isReturned(i) ? html`<span class="badges">
        ${i.unread > 0 ? html`<span class="badge unread">${i.unread === 1 ? t('unreadOne') : t('unread', { n: i.unread })}</span>` : nothing}
        ${i.keySupervision ? html`<span class="badge key">${t('keySupervision')}</span>` : nothing}
        ${isReturned(i) ? html`<span class="badge returned">${t('returned')}${i.returns > 1 ? ` ×${i.returns}` : ''}</span>` : nothing}
      </span>` : nothing}
      <span class="meta">${t('sponsor')}：${i.sponsorName}${i.leadUnitName ? html` · ${t('lead')}：${i.leadUnitName}` : nothing}</span>
    </a>`;
  }

  /** The next SMS this person's countdown names (the live snapshot's), so a reminder never comes as a surprise. */
  nextReminder(i) {
    const next = i.nextReminder;
    if (!next?.sendAt) return nothing;
    const what = reminderKinds(next.kinds ?? [], this.lang);
    return html`<span class="meta next">${t('nextReminder', { when: localTime(next.sendAt, this.lang), what })}</span>`;
  }

  open(event) {
    // the link keeps the address right; the list decides what opening means
    event.preventDefault();
  }
}

customElements.define('duban-item-card', DubanItemCard);
