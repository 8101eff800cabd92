import type { Explanation, Token } from '@explainable-ecco/core';

/** How the user acted: with a pointer, the keyboard, or (for `lockedFactor` changes) neither. */
export type InteractionSource = 'pointer' | 'keyboard';

/** `detail` of `ecco-factor-select`: a factor was locked, or the lock was released. */
export interface EccoFactorSelectDetail {
  /** The locked factor, or null when the user unlocked. */
  factor: number | null;
  /** The factor locked before this change, or null. */
  previous: number | null;
  /** The explanation of `factor`, when there is one. */
  explanation: Explanation | null;
  source: InteractionSource;
}

/** `detail` of `ecco-token-hover` while a token is pointed at or has the keyboard cursor. */
export interface EccoTokenHoverOn {
  position: number;
  token: Token;
  /** Every factor's raw value at this token, in factor order. */
  values: number[];
  /** The factor with the largest value here, or null when every factor is 0. */
  dominantFactor: number | null;
  source: InteractionSource;
}

/** `detail` of `ecco-token-hover` when no token is hovered any more. */
export interface EccoTokenHoverOff {
  position: null;
  token: null;
  values: null;
  dominantFactor: null;
  source: InteractionSource;
}

export type EccoTokenHoverDetail = EccoTokenHoverOn | EccoTokenHoverOff;

export const FACTOR_SELECT_EVENT = 'ecco-factor-select';
export const TOKEN_HOVER_EVENT = 'ecco-token-hover';

/** Builds the element's events: they bubble and cross shadow roots, so any ancestor can listen. */
export function eccoEvent<T>(type: string, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'ecco-factor-select': CustomEvent<EccoFactorSelectDetail>;
    'ecco-token-hover': CustomEvent<EccoTokenHoverDetail>;
  }
}
