// The P&L side of `mexc-mm report`: the ledger's closed hours from the `pnl` journal, plus the hours the
// state file's ledger has that the journal does not yet (the open hour, and a closed hour in the minute
// before it is journalled); a day is the sum of its hours, the total the sum of all. An hour that
// overlaps --since counts whole.
import type {InventoryReading, LedgerView, PnlFigures} from '../../engine/view/ledgerView.js';
import type {JournalLine} from '../journalReader.js';
import {formatTime} from '../displayFormat.js';
import {utcDay} from '../journalFiles.js';
import {addFigures, readInventory, readPnlFigures} from './pnlFigures.js';

export interface PnlPeriod extends PnlFigures {
  /** "total", "YYYY-MM-DD" or "YYYY-MM-DD HH:00Z" */
  label: string;
  /** the inventory at the period's end (its last hour's); null when that is unknown */
  inventory: InventoryReading | null;
  /** includes the hour still open when the state file was written: figures up to `to` */
  open: boolean;
}

export interface PnlReport {
  total: PnlPeriod | null;
  days: PnlPeriod[];
  hours: PnlPeriod[];
  /** hours read from the `pnl` journal, and records of an hour already read (the later one kept) */
  journalHours: number;
  repeatedHours: number;
  /** starts of the hours taken from the state file's ledger (not in the journal) */
  stateHours: number[];
}

const hourMs = 3_600_000;
export const hourLabel = (start: number): string => formatTime(start).slice(0, 13) + ':00Z';

interface HourEntry {
  figures: PnlFigures;
  inventory: InventoryReading | null;
  open: boolean;
}

export class PnlReportBuilder {
  readonly #hours = new Map<number, HourEntry>();
  readonly #stateHours: number[] = [];
  #repeated = 0;
  /** `pnl` records whose figures are unusable */
  invalid = 0;

  constructor(readonly since: number | null) {}

  /** One `pnl` record (a closed hour); false when its figures are unusable. */
  addHour(record: JournalLine): boolean {
    const figures = readPnlFigures(record);
    if (!figures) {
      this.invalid++;
      return false;
    }
    if (!this.#inRange(figures)) return true;
    const key = Math.floor(figures.from / hourMs);
    if (this.#hours.has(key)) this.#repeated++;
    this.#hours.set(key, {figures, inventory: readInventory(record.inventory), open: false});
    return true;
  }

  /** The state file's ledger, after the journal: its hours the journal has no record of. */
  addLedger(ledger: LedgerView): void {
    ledger.hours.forEach((figures, i) => {
      const key = Math.floor(figures.from / hourMs);
      if (this.#hours.has(key) || !this.#inRange(figures)) return;
      const current = i === ledger.hours.length - 1;
      this.#hours.set(key, {figures, inventory: current ? ledger.now : null, open: current});
      this.#stateHours.push(figures.from);
    });
  }

  #inRange(figures: PnlFigures): boolean {
    return this.since === null || figures.to > this.since;
  }

  build(): PnlReport {
    const hours = [...this.#hours].sort(([a], [b]) => a - b).map(([, entry]) => entry);
    const days = new Map<string, PnlPeriod>();
    let total: PnlPeriod | null = null;
    for (const hour of hours) {
      const day = utcDay(hour.figures.from);
      days.set(day, merge(days.get(day), hour, day));
      total = merge(total ?? undefined, hour, 'total');
    }
    return {
      total,
      days: [...days.values()],
      hours: hours.map((hour) => ({...hour.figures, label: hourLabel(hour.figures.from), inventory: hour.inventory, open: hour.open})),
      journalHours: hours.length - this.#stateHours.length,
      repeatedHours: this.#repeated,
      stateHours: [...this.#stateHours].sort((a, b) => a - b),
    };
  }
}

/** A period with one more (later) hour added: it ends where that hour ends. */
function merge(period: PnlPeriod | undefined, hour: HourEntry, label: string): PnlPeriod {
  if (!period) return {...hour.figures, label, inventory: hour.inventory, open: hour.open};
  return {...addFigures(period, hour.figures), label, inventory: hour.inventory, open: period.open || hour.open};
}
