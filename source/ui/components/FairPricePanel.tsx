import React from 'react';
import {Text} from 'ink';
import type {EngineSnapshot, PricingStep} from '../../engine/view/snapshot.js';
import {formatClock, formatFraction, formatPrice, formatUsdt} from '../viewModel/format.js';
import {useTheme} from '../hooks/use-theme.js';

/** What prices us when it is not the reference (docs/strategy.md §4.1). */
const FALLBACK_LABEL: Record<Exclude<PricingStep, 'reference'>, string> = {
  mexcOthers: "MEXC others' mid",
  heldLast: 'HELD last fair',
  holdingQuotes: 'stale reference, holding',
  none: 'no usable price',
};

/**
 * Fair price and its model (or, while the reference is stale, the fallback step with its start and the
 * outage timer), both venues' spreads; the band and the model inputs when there is room.
 */
export function FairPricePanel(props: {snapshot: EngineSnapshot; decimals: number; wide: boolean}): React.JSX.Element {
  const {snapshot, decimals, wide} = props;
  const theme = useTheme();
  const {fair, spread} = snapshot;
  return (
    <Text wrap="truncate-end">
      <Text>fair </Text>
      {fair.price === null ? (
        <Text bold color={theme.tone.bad}>NONE</Text>
      ) : (
        <Text bold color={theme.tone.accent}>{formatPrice(fair.price, Math.min(decimals + 1, 10))}</Text>
      )}
      {snapshot.pricing.step === 'reference' ? (
        <Text dimColor>{` ${fair.model}`}</Text>
      ) : (
        <Text bold color={theme.tone.warn}>
          {` ${FALLBACK_LABEL[snapshot.pricing.step]}${snapshot.pricing.widenLevel > 0 ? ` (widened ${snapshot.pricing.widenLevel})` : ''} since ${formatClock(snapshot.pricing.since)}, ${snapshot.pricing.outage}`}
        </Text>
      )}
      <Text>{`  spread MEXC ${formatFraction(spread.mexc)} KuCoin ${formatFraction(spread.kucoin)}`}</Text>
      {wide ? (
        <Text dimColor>
          {`  band ±${formatFraction(snapshot.bandPct, 1)}  inputs MEXC mid ${formatPrice(fair.mexcMid, decimals)} depth ${formatUsdt(fair.mexcDepth)}` +
            ` · KuCoin mid ${formatPrice(fair.kucoinMid, decimals)} depth ${formatUsdt(fair.kucoinDepth)}`}
        </Text>
      ) : null}
    </Text>
  );
}
