// The test account's balances (free and locked per asset, exact bigint atoms). Every mutation returns the
// change it made, which becomes a private account push (docs/protocols/mexc.md §5.3).

export type AccountChangeType = 'ENTRUST_PLACE' | 'ENTRUST_CANCEL' | 'ENTRUST';

export interface BalanceChange {
  asset: string;
  free: bigint;
  locked: bigint;
  freeChange: bigint;
  lockedChange: bigint;
  type: AccountChangeType;
}

export interface Balance {
  free: bigint;
  locked: bigint;
}

export class Ledger {
  private readonly balances = new Map<string, Balance>();

  constructor(initial: Record<string, bigint>) {
    for (const [asset, amount] of Object.entries(initial)) this.balances.set(asset, {free: amount, locked: 0n});
  }

  get(asset: string): Balance {
    const balance = this.balances.get(asset);
    return balance ? {...balance} : {free: 0n, locked: 0n};
  }

  assets(): Array<[string, Balance]> {
    return [...this.balances.entries()].map(([asset, balance]) => [asset, {...balance}]);
  }

  canLock(asset: string, atoms: bigint): boolean {
    return this.get(asset).free >= atoms;
  }

  /** Applies deltas to free and locked; refuses (throws) to go negative, which would be a simulator bug. */
  apply(asset: string, freeChange: bigint, lockedChange: bigint, type: AccountChangeType): BalanceChange {
    const balance = this.balances.get(asset) ?? {free: 0n, locked: 0n};
    const free = balance.free + freeChange;
    const locked = balance.locked + lockedChange;
    if (free < 0n || locked < 0n) throw new Error(`ledger would go negative for ${asset}`);
    this.balances.set(asset, {free, locked});
    return {asset, free, locked, freeChange, lockedChange, type};
  }
}
