import React, {memo} from 'react';
import {Text} from 'ink';
import type {FairPriceView} from '../viewModel/fairPriceView.js';
import {useTheme} from '../hooks/use-theme.js';

/**
 * Fair price and its model (or, while the reference is stale, the fallback step with its start and the
 * outage timer), both venues' spreads; the band and the model inputs when there is room.
 */
export const FairPricePanel = memo(function FairPricePanel({view}: {view: FairPriceView}): React.JSX.Element {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <Text>fair </Text>
      {view.price === null ? (
        <Text bold color={theme.tone.bad}>NONE</Text>
      ) : (
        <Text bold color={theme.tone.accent}>{view.price}</Text>
      )}
      {view.pricing.fallback ? (
        <Text bold color={theme.tone.warn}>{` ${view.pricing.text}`}</Text>
      ) : (
        <Text dimColor>{` ${view.pricing.text}`}</Text>
      )}
      <Text>{`  ${view.spreads}`}</Text>
      {view.inputs === null ? null : <Text dimColor>{`  ${view.inputs}`}</Text>}
    </Text>
  );
});
