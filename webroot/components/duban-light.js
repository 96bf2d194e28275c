// The traffic light: a coloured dot and its word (never colour alone). The rule is in logic/light.js.
import { LitElement, html, css } from 'lit';
import { t } from '../i18n.js';

class DubanLight extends LitElement {
  static properties = { light: { reflect: true }, lang: {} };

  static styles = css`
    :host { display: inline-flex; align-items: center; gap: 0.375rem; font-size: 0.875rem; font-weight: 700; white-space: nowrap; }
    .dot { width: 0.875rem; height: 0.875rem; border-radius: 50%; flex: none; box-shadow: 0 0 0 2px #fff, 0 0 0 3px currentColor; }
    :host([light='red']) { color: var(--red); }
    :host([light='red']) .dot { background: var(--red); }
    :host([light='yellow']) { color: var(--yellow); }
    :host([light='yellow']) .dot { background: #f2b600; }
    :host([light='green']) { color: var(--green); }
    :host([light='green']) .dot { background: #2e8540; }
    :host([light='none']) { color: var(--muted); }
    :host([light='none']) .dot { background: #b0abb3; }
  `;

  render() {
    return html`<span class="dot" aria-hidden="true"></span><span>${t('lights')[this.light] ?? ''}</span>`;
  }
}

customElements.define('duban-light', DubanLight);
