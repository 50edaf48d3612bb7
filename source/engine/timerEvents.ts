// The engine's clocks (runtime/engineTimers.ts pushes the events): compliance samples, reconciles, the
// periodic ladder rebuild, depth and staleness checks, and the cadence of the published views. Returns whether a decision pass is warranted.
import type {EngineContext} from './engineContext.js';
import type {TimerName} from './events.js';
import {sampleCompliance} from './market/compliance.js';
import {ownLevels} from './market/ownLevels.js';
import {reconcileRetryDue, startReconcile} from './orders/applyReconcile.js';
import {beginReset} from './orders/ladderReset.js';
import {mexcBookUsable, updateStaleness} from './risk/staleness.js';
import {tickLedger} from './ledger/ledgerUpdates.js';
import {accountView} from './market/accountView.js';

export function applyTimer(ctx: EngineContext, timer: TimerName, at: number): boolean {
  const {state} = ctx;
  switch (timer) {
    case 'complianceSample': {
      updateStaleness(state);
      const mexcStream = state.streams['mexc.book'];
      const sample = sampleCompliance({
        book: state.mexcBook,
        own: ownLevels(state.orders.values(), state.rules),
        pct: state.config.bandPct,
        minDepth: state.config.compliance.minDepthUsdt,
        maxSpread: state.config.compliance.maxSpreadPct,
        at,
        // a fresh REST snapshot while the WebSocket is down is a book we can read (risk/staleness.ts)
        staleReason: mexcStream.state === 'live' || mexcBookUsable(state) ? null : `MEXC book ${mexcStream.state}`,
      });
      state.compliance.record(sample);
      ctx.outputs.journal({stream: 'compliance', ...sample});
      tickLedger(ctx);
      state.minuteHistory.record({at, pass: sample.pass, bidDepth: sample.bidDepth, askDepth: sample.askDepth, target: state.lastDepthTarget, baseRatio: accountView(state).baseRatio});
      return false;
    }
    case 'reconcile':
      startReconcile(ctx);
      return false;
    case 'reset':
      if (state.now >= state.nextResetAt) beginReset(ctx, 'scheduled reset');
      return true;
    case 'depthCheck':
      return true;
    case 'staleCheck':
      updateStaleness(state);
      reconcileRetryDue(ctx);
      return true;
    case 'stateFlush':
    case 'snapshot':
      return false; // the kernel publishes its views at the end of the batch
  }
}
