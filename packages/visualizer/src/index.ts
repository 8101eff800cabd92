export { EccoFactors } from './ecco-factors.js';
export {
  type EccoFactorSelectDetail,
  type EccoTokenHoverDetail,
  type EccoTokenHoverOff,
  type EccoTokenHoverOn,
  FACTOR_SELECT_EVENT,
  type InteractionSource,
  TOKEN_HOVER_EVENT,
} from './events.js';
export { MAX_TINT, OKABE_ITO_PALETTE } from './palette.js';
export { type ReportHtmlOptions, renderReportHtml } from './report-html.js';
