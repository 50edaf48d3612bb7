// Counters the KuCoin venue exposes through stats(); one mutable record shared by its REST and WS parts.

export type KucoinFaultName = 'wsDrop' | 'stall' | 'sequenceGap' | 'rateLimitBurst' | 'serverError';

export const KUCOIN_FAULT_NAMES: readonly KucoinFaultName[] = ['wsDrop', 'stall', 'sequenceGap', 'rateLimitBurst', 'serverError'];

export interface KucoinSimCounters {
  steps: number;
  invalidMids: number;
  connections: number;
  connectionsTotal: number;
  connectionsRejected: number;
  messagesSent: number;
  l2updatesSent: number;
  depthSnapshotsPushed: number;
  slowConsumerDrops: number;
  pongs: number;
  acks: number;
  errorFramesSent: number;
  malformedFrames: number;
  idleDisconnects: number;
  tokenExpiredDisconnects: number;
  connectionsDropped: number;
  /** referenceOutage windows begun (the venue stopped listening) */
  outages: number;
  /** attempts to listen again after an outage that failed (port taken meanwhile) */
  relistenFailures: number;
  tokensIssued: number;
  restRequests: number;
  restErrors: number;
  rateLimited: number;
  snapshotsServed: number;
  faultsInjected: number;
  wsDropClosed: number;
  wsDropRefused: number;
  stallWithheld: number;
  sequenceGapsInjected: number;
  rateLimitBurstResponses: number;
  serverErrorResponses: number;
}

export function newCounters(): KucoinSimCounters {
  return {
    steps: 0,
    invalidMids: 0,
    connections: 0,
    connectionsTotal: 0,
    connectionsRejected: 0,
    messagesSent: 0,
    l2updatesSent: 0,
    depthSnapshotsPushed: 0,
    slowConsumerDrops: 0,
    pongs: 0,
    acks: 0,
    errorFramesSent: 0,
    malformedFrames: 0,
    idleDisconnects: 0,
    tokenExpiredDisconnects: 0,
    connectionsDropped: 0,
    outages: 0,
    relistenFailures: 0,
    tokensIssued: 0,
    restRequests: 0,
    restErrors: 0,
    rateLimited: 0,
    snapshotsServed: 0,
    faultsInjected: 0,
    wsDropClosed: 0,
    wsDropRefused: 0,
    stallWithheld: 0,
    sequenceGapsInjected: 0,
    rateLimitBurstResponses: 0,
    serverErrorResponses: 0,
  };
}
