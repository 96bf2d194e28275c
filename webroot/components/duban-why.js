// "Why is it red?": one tap opens the item's clock in plain words (logic/why.js).
import { LitElement, html, css } from 'lit';
import { explainClock } from '../logic/why.js';

class DubanWhy extends LitElement {
  static properties = {
    lang: {}, item: { attribute: false }, events: { attribute: false }, reminders: { attribute: false },
    nowMs: { type: Number }, open: { type: Boolean, reflect: true },
  };

  static styles = css`
    :host { display: block; margin-top: 0.5rem; }
    button {
      min-height: 44px; min-width: 44px; padding: 0 0.75rem; font: inherit; font-weight: 700; cursor: pointer;
      border: 1px solid #79747e; border-radius: 0.5rem; background: #fff; color: var(--ink);
    }
    button::after { content: ' ▾'; }
    :host([open]) button::after { content: ' ▴'; }
    button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .panel { margin-top: 0.5rem; padding: 0.5rem 0.75rem; border-left: 4px solid var(--light, #79747e); background: #f6f7f9; border-radius: 0.25rem; }
    .panel[data-colour='red'] { --light: var(--red, #b3261e); }
    .panel[data-colour='yellow'] { --light: #8a6100; }
    .panel[data-colour='green'] { --light: #1e6b34; }
    h3 { font-size: 0.9375rem; margin: 0.625rem 0 0.25rem; }
    h3:first-child { margin-top: 0.25rem; }
    ul { margin: 0; padding-left: 1.125rem; display: grid; gap: 0.25rem; font-size: 0.9375rem; }
    li { overflow-wrap: anywhere; }
  `;

  render() {
    const why = explainClock(this.item, this.events, this.reminders, this.nowMs, this.lang);
    return html`<button type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="why"
        @click=${() => { this.open = !this.open; }}>${why.title}</button>
      ${this.open ? html`<div class="panel" id="why" data-colour=${why.colour}>
        ${why.sections.map((s) => html`<section data-section=${s.key}><h3>${s.heading}</h3>
          <ul>${s.lines.map((line) => html`<li>${line}</li>`)}</ul></section>`)}
      </div>` : ''}`;
  }
}

customElements.define('duban-why', DubanWhy);
