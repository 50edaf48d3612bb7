// The simulated venue's account and symbol conditions (normal unless a test or `mexc-mm sim` says otherwise).

/**
 * Account and symbol states a real venue can be in that stop trading (docs/protocols/mexc.md §2.3, §2.5, §3): a
 * symbol not open for API trading or open on one side only, a key without spot-trading permission. Tests of the
 * live readiness checks set them.
 */
export interface VenueConditions {
  /** exchangeInfo `status`: '1' online, '2' paused, '3' offline */
  symbolStatus: '1' | '2' | '3';
  /** exchangeInfo `isSpotTradingAllowed` */
  spotTradingAllowed: boolean;
  /** account `canTrade` (the API key's spot-trading permission) */
  accountCanTrade: boolean;
  /** exchangeInfo `tradeSideType`: '1' both sides, '2' buy only, '3' sell only, '4' closed; a refused side answers 30001 */
  tradeSideType: '1' | '2' | '3' | '4';
  /** exchangeInfo `st`: the ST (special treatment) warning tag, which changes nothing about trading */
  specialTreatment: boolean;
}

export const NORMAL_CONDITIONS: VenueConditions = {symbolStatus: '1', spotTradingAllowed: true, accountCanTrade: true, tradeSideType: '1', specialTreatment: false};
