import { css, unsafeCSS } from 'lit';
import { levelRules } from './intensity-levels.js';

/**
 * Styles of `<ecco-factors>`. Every colour and size a page may want to change is a custom
 * property on `:host`; page styles on the element override these defaults.
 */
export const eccoFactorsStyles = css`
  :host {
    --ecco-fg: #1a1a1a;
    --ecco-bg: #ffffff;
    --ecco-muted: #595959;
    --ecco-border: #c8c8c8;
    --ecco-surface: #f3f3f3;
    --ecco-accent: #0a5fb4;
    --ecco-error: #a40e26;
    --ecco-max-tint: 75%;
    --ecco-color-0: #e69f00;
    --ecco-color-1: #56b4e9;
    --ecco-color-2: #009e73;
    --ecco-color-3: #f0e442;
    --ecco-color-4: #0072b2;
    --ecco-color-5: #d55e00;
    --ecco-color-6: #cc79a7;
    --ecco-color-7: #999999;
    --ecco-font-family: inherit;
    --ecco-token-font-family: inherit;
    --ecco-text-max-height: 26rem;
    --ecco-factors-max-height: 26rem;
    --ecco-radius: 4px;
    --ecco-transition: 120ms;
    display: block;
    color: var(--ecco-fg);
    background: var(--ecco-bg);
    font-family: var(--ecco-font-family);
    line-height: 1.5;
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --ecco-fg: #ececec;
      --ecco-bg: #1b1b1f;
      --ecco-muted: #b4b4b4;
      --ecco-border: #55555c;
      --ecco-surface: #2a2a30;
      --ecco-accent: #7cb8ff;
      --ecco-error: #ff9a9a;
      --ecco-max-tint: 40%;
      color-scheme: dark;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --ecco-transition: 0s;
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .base {
    container-type: inline-size;
    position: relative;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    align-items: baseline;
    margin: 0 0 0.5rem;
    font-size: 0.875em;
    color: var(--ecco-muted);
  }
  .summary strong {
    color: var(--ecco-fg);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(15rem, 2fr);
    gap: 1rem;
    align-items: start;
  }
  @container (max-width: 44rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .text-wrap {
    position: relative;
  }
  .tokens {
    max-height: var(--ecco-text-max-height);
    overflow: auto;
    padding: 0.5rem;
    border: 1px solid var(--ecco-border);
    border-radius: var(--ecco-radius);
    font-family: var(--ecco-token-font-family);
    line-height: 1.9;
    overflow-wrap: anywhere;
  }
  .tokens:focus-visible,
  .row:focus-visible {
    outline: 3px solid var(--ecco-accent);
    outline-offset: 2px;
  }
  .tok {
    /* Tint and value bar come from the generated .vC-L classes (intensity-levels.ts). */
    padding: 0.08em 0.06em 0.2em;
    border-radius: 0 var(--ecco-radius) var(--ecco-radius) 0;
    cursor: default;
  }
  .tok.first {
    border-top-left-radius: var(--ecco-radius);
    border-bottom-left-radius: var(--ecco-radius);
  }
  .tok:not(.first) {
    /* A hairline shows where a word was split into pieces. */
    border-left: 1px dotted color-mix(in srgb, var(--ecco-fg) 35%, transparent);
  }
  .tok.special {
    font-size: 0.8em;
    letter-spacing: 0.02em;
  }
  .tok.sym {
    font-family: ui-monospace, monospace;
  }
  .tok.out {
    font-style: italic;
    text-decoration: underline dashed 1px;
    text-underline-offset: 0.3em;
  }
  .out-start {
    font-size: 0.75em;
    font-weight: 600;
    padding: 0 0.3em;
    border: 1px dashed currentColor;
    border-radius: var(--ecco-radius);
    margin-inline-end: 0.3em;
  }
  .tok[data-cursor] {
    outline: 2px solid var(--ecco-accent);
    outline-offset: 1px;
  }
  .tooltip {
    position: absolute;
    z-index: 2;
    min-width: 12rem;
    max-width: min(22rem, 100%);
    padding: 0.5rem 0.6rem;
    border: 1px solid var(--ecco-border);
    border-radius: var(--ecco-radius);
    background: var(--ecco-bg);
    color: var(--ecco-fg);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
    font-size: 0.8125em;
    line-height: 1.35;
    pointer-events: none;
  }
  .tooltip[hidden] {
    display: none;
  }
  .tip-head {
    margin: 0 0 0.35rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .tip-meta {
    font-weight: 400;
    color: var(--ecco-muted);
  }
  .tip-values {
    display: grid;
    grid-template-columns: repeat(var(--cols, 1), auto minmax(6rem, 1fr));
    gap: 0.1rem 0.45rem;
    align-items: center;
    margin: 0;
  }
  .tip-values dd {
    display: flex;
    gap: 0.35rem;
    align-items: center;
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .tip-values .active {
    font-weight: 700;
  }
  .track {
    flex: none;
    width: 3rem;
    height: 0.5em;
    background: var(--ecco-surface);
    border-radius: 2px;
  }
  .bar {
    display: block;
    height: 0.5em;
    background: var(--c);
    border-radius: 2px;
    min-width: 1px;
  }
  .swatch {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    border-radius: 2px;
    background: var(--c);
    border: 1px solid color-mix(in srgb, var(--ecco-fg) 40%, transparent);
    vertical-align: -0.05em;
  }
  .factors {
    max-height: var(--ecco-factors-max-height);
    overflow: auto;
    margin: 0;
    padding: 0.25rem;
    border: 1px solid var(--ecco-border);
    border-radius: var(--ecco-radius);
  }
  .row {
    display: block;
    padding: 0.4rem 0.5rem 0.45rem 0.6rem;
    border-left: 4px solid transparent;
    border-radius: var(--ecco-radius);
    cursor: pointer;
    transition: background-color var(--ecco-transition);
  }
  .row + .row {
    margin-top: 0.15rem;
  }
  .row.active {
    background: var(--ecco-surface);
    border-left-color: var(--c);
  }
  .row[aria-selected='true'] {
    background: var(--ecco-surface);
    border-left: 4px double var(--c);
  }
  .row[aria-selected='true'] .badge {
    display: inline;
  }
  .row-head {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    font-size: 0.875em;
  }
  .row-name {
    font-weight: 600;
  }
  .badge {
    display: none;
    font-size: 0.8em;
    padding: 0 0.35em;
    border: 1px solid var(--ecco-border);
    border-radius: 999px;
    color: var(--ecco-fg);
  }
  .row-score {
    margin-left: auto;
    font-variant-numeric: tabular-nums;
    color: var(--ecco-muted);
  }
  .explanation {
    margin: 0.15rem 0 0.25rem;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .explanation.none {
    color: var(--ecco-muted);
    font-style: italic;
  }
  .explanation.failed {
    color: var(--ecco-error);
  }
  .by {
    color: var(--ecco-muted);
    font-size: 0.9em;
  }
  .charts {
    display: flex;
    gap: 0.5rem;
    align-items: flex-end;
  }
  .spark-wrap {
    position: relative;
    flex: 1 1 auto;
    min-width: 6rem;
  }
  .spark {
    display: block;
    width: 100%;
    height: 1.6rem;
    color: var(--c);
  }
  .spark path {
    fill: color-mix(in srgb, currentColor 55%, transparent);
    stroke: currentColor;
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }
  .spark-cursor {
    position: absolute;
    top: 0;
    bottom: 0;
    width: 0;
    border-left: 1px solid var(--ecco-fg);
    left: calc(var(--cursor, 0) * 100%);
    display: none;
  }
  .factors[data-cursor] .spark-cursor {
    display: block;
  }
  .layers {
    display: block;
    width: 4rem;
    height: 1.6rem;
    flex: none;
    color: var(--ecco-muted);
  }
  .layers rect {
    fill: currentColor;
  }
  .layers .peak {
    fill: var(--c);
  }
  .empty,
  .error {
    padding: 0.75rem;
    border: 1px dashed var(--ecco-border);
    border-radius: var(--ecco-radius);
  }
  .error {
    color: var(--ecco-error);
    border-style: solid;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** The generated (colour, intensity step) classes: our own text, no data in it. */
export const intensityLevelStyles = unsafeCSS(levelRules());
