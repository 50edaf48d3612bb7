// Everything `mexc-mm report` shows, read from a data dir: compliance, orders and fills from the
// journals (docs/strategy.md §15), the ledger's P&L per hour from the `pnl` journal plus what the state
// file's ledger has not journalled yet (§16), and with --fills the trades joined with their markouts.
import type {LedgerView} from '../../engine/view/ledgerView.js';
import type {ComplianceReport} from './complianceReport.js';
import {ComplianceReportBuilder} from './complianceReport.js';
import type {ComplianceRules} from './complianceRules.js';
import {journalDir, listJournalFiles} from '../journalFiles.js';
import {readJournalStream, type ReadCounters} from '../journalReader.js';
import {PnlReportBuilder, type PnlReport} from './pnlReport.js';
import {readStateFile} from '../stateFile.js';
import {TradeListBuilder, type TradeList} from './tradeList.js';

export interface JournalReport extends ComplianceReport {
  /** the config file the rules came from; null: the defaults */
  rulesFrom: string | null;
  pnl: PnlReport;
  /** with --fills; null otherwise */
  trades: TradeList | null;
}

export interface JournalReportRequest {
  /** epoch ms; records before it are ignored */
  since: number | null;
  rules: ComplianceRules;
  rulesFrom: string | null;
  /** list the trades */
  fills: boolean;
}

/** Reads the journals (and the state file) under `dataDir`. null when there are no journals. */
export async function readJournalReport(dataDir: string, request: JournalReportRequest): Promise<JournalReport | null> {
  const dir = journalDir(dataDir);
  if ((await listJournalFiles(dir)).length === 0) return null;
  const {since} = request;
  const compliance = new ComplianceReportBuilder(request.rules, since);
  const pnl = new PnlReportBuilder(since);
  const trades = request.fills ? new TradeListBuilder() : null;
  const counters: ReadCounters = {files: 0, lines: 0, corrupt: 0};
  await readJournalStream(dir, 'compliance', since, counters, (record) => compliance.addSample(record));
  await readJournalStream(dir, 'orders', since, counters, (record) => compliance.addOrder(record));
  await readJournalStream(dir, 'fills', since, counters, (record) => {
    compliance.addFill(record);
    trades?.addFill(record);
  });
  if (trades) await readJournalStream(dir, 'markouts', since, counters, (record) => trades.addMarkout(record));
  await readJournalStream(dir, 'pnl', since, counters, (record) => pnl.addHour(record));
  const ledger = await stateLedger(dataDir);
  if (ledger) pnl.addLedger(ledger);
  // an unusable fills record is counted once, by the compliance builder
  const invalid = pnl.invalid + (trades?.invalidMarkouts ?? 0);
  return {
    ...compliance.build({...counters, corrupt: counters.corrupt + invalid}),
    rulesFrom: request.rulesFrom,
    pnl: pnl.build(),
    trades: trades?.build() ?? null,
  };
}

/** The state file's ledger; null without a readable state file or without a ledger in it (older files). */
async function stateLedger(dataDir: string): Promise<LedgerView | null> {
  const result = await readStateFile(dataDir);
  if ('problem' in result) return null;
  return (result.state as {ledger?: LedgerView | null}).ledger ?? null;
}
