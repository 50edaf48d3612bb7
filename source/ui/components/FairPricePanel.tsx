import React from 'react';
import {Text} from 'ink';
import type {EngineSnapshot} from '../../engine/view/snapshot.js';
import {formatFraction, formatPrice, formatUsdt} from '../viewModel/format.js';
import {useTheme} from '../hooks/use-theme.js';

/** Fair price and its model, both venues' spreads; the band and the model inputs when there is room. */
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
      <Text dimColor>{` ${fair.model}`}</Text>
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
