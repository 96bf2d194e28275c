// A countdown that ticks: redraws when its wording can change (logic/countdown.js), on the server's time.
import { LitElement, html, css } from 'lit';
import { countdown, nextChangeIn } from '../logic/countdown.js';
import { serverNow } from '../logic/clock.js';

class DubanCountdown extends LitElement {
  static properties = { deadline: {}, offsetMs: { type: Number }, lang: {}, overdue: { type: Boolean, reflect: true } };

  static styles = css`
    :host { font-variant-numeric: tabular-nums; }
    :host([overdue]) { color: var(--red); font-weight: 700; }
  `;

  constructor() {
    super();
    this.offsetMs = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this.schedule();
  }

  disconnectedCallback() {
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  schedule() {
    clearTimeout(this.timer);
    if (!this.deadline) return;
    const wait = nextChangeIn(Date.parse(this.deadline), serverNow(this.offsetMs));
    this.timer = setTimeout(() => {
      this.requestUpdate();
      this.schedule();
    }, wait);
  }

  willUpdate(changed) {
    if (changed.has('deadline') || changed.has('offsetMs')) this.schedule();
    this.overdue = !!this.deadline && Date.parse(this.deadline) <= serverNow(this.offsetMs);
  }

  render() {
    if (!this.deadline) return html``;
    return html`<time datetime=${this.deadline}>${countdown(Date.parse(this.deadline), serverNow(this.offsetMs), this.lang)}</time>`;
  }
}

customElements.define('duban-countdown', DubanCountdown);
