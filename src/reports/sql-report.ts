/**
 * The report of docs/CONTRACT.md §7 for a window, built without a fact object per case: the
 * same numbers as `computeReport(loadCaseFacts(db, window), window, now, sla)` — test/reports/
 * sql-report.test.ts holds them equal — in a fraction of the time (bench/report.ts: 1,000,000
 * cases in about 2 s on two shared cores, against 7–13 s for loading the facts first).
 *
 * How: one query reads the window through the covering index `cases_report` (created_at first, then
 * every column a report needs, so SQLite never touches the wide case rows) and hands back each
 * column as one JSON array (`json_group_array`): SQLite builds the text in C and JSON.parse reads it
 * in one go, several times faster than returning a million rows through the driver. The per-case
 * rules then run once over those columns, as computeReport runs them over facts.
 *
 * Why not GROUP BY in SQL: SQLite sorts every row of the window to group it (no hash aggregation),
 * which on a million cases costs more than reading the columns; and medians, p90s and business-
 * hours SLAs need every case's times anyway.
 *
 * Exactness: timestamps are stored as integer milliseconds and come back exactly; the sentiment
 * bucket is decided in SQL with the same threshold (a double printed to 15 digits in JSON could
 * move a value sitting on the threshold to the other side).
 */
import { and, gte, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { PRIORITIES } from '../domain/priority.js';
import type { Report, Window } from '../domain/report.js';
import type { SlaConfig } from '../sla/config.js';
import { emptyInput, ReportBuilder, SENTIMENT_THRESHOLD, type ReportPart } from './report-builder.js';
import { DAY_MS, dayWindow, policyKey, readStoredDays, settledAt, storeDay, wholeDays } from './report-days.js';

/** The cases of a window, column by column (index k is one case in every array). */
export interface CaseColumns {
  priority: string[];
  source: string[];
  owner: (string | null)[];
  createdAt: number[];
  firstResponseAt: (number | null)[];
  resolvedAt: (number | null)[];
  /** 1 = actionable (drizzle's boolean mode reads exactly 1 as true). */
  actionable: number[];
  /** -1 negative, 0 neutral, 1 positive (SENTIMENT_THRESHOLD applied in SQL). */
  sentiment: number[];
}

interface JsonColumns {
  priority: string;
  source: string;
  owner: string;
  createdAt: string;
  firstResponseAt: string;
  resolvedAt: string;
  actionable: string;
  sentiment: string;
}

/** The query behind loadCaseColumns: one row, each column of the window as a JSON array. */
export function caseColumnsQuery(window: Window): SQL {
  const t = SENTIMENT_THRESHOLD;
  return sql`
    select json_group_array(${cases.priority}) as priority,
           json_group_array(${cases.source}) as source,
           json_group_array(${cases.ownerId}) as owner,
           json_group_array(${cases.createdAt}) as createdAt,
           json_group_array(${cases.firstResponseAt}) as firstResponseAt,
           json_group_array(${cases.resolvedAt}) as resolvedAt,
           json_group_array(${cases.actionable}) as actionable,
           json_group_array(coalesce((${cases.sentiment} > ${t}) - (${cases.sentiment} < ${-t}), 0)) as sentiment
    from ${cases}
    where ${cases.createdAt} >= ${window.from.getTime()} and ${cases.createdAt} < ${window.to.getTime()}`;
}

/** Reads the window's cases as columns, in one pass over the covering index. */
export function loadCaseColumns(db: DbOrTx, window: Window): CaseColumns {
  const row = db.get<JsonColumns>(caseColumnsQuery(window));
  return {
    priority: JSON.parse(row.priority) as string[],
    source: JSON.parse(row.source) as string[],
    owner: JSON.parse(row.owner) as (string | null)[],
    createdAt: JSON.parse(row.createdAt) as number[],
    firstResponseAt: JSON.parse(row.firstResponseAt) as (number | null)[],
    resolvedAt: JSON.parse(row.resolvedAt) as (number | null)[],
    actionable: JSON.parse(row.actionable) as number[],
    sentiment: JSON.parse(row.sentiment) as number[],
  };
}

/** The report of the window's columns, through the one ReportBuilder (report-builder.ts). */
export function reportFromColumns(
  cols: CaseColumns,
  window: Window,
  now: Date,
  sla: SlaConfig,
  unknownPriority: (priority: string) => never,
): Report {
  const builder = new ReportBuilder(window, now, sla, cols.createdAt.length);
  addColumns(builder, cols, unknownPriority);
  return builder.build();
}

function addColumns(builder: ReportBuilder, cols: CaseColumns, unknownPriority: (priority: string) => never): void {
  const n = cols.createdAt.length;
  const input = emptyInput();
  for (let k = 0; k < n; k++) {
    input.createdMs = cols.createdAt[k] as number;
    input.priority = cols.priority[k] as string;
    input.source = cols.source[k] as string;
    input.owner = cols.owner[k] ?? null;
    input.actionable = cols.actionable[k] === 1;
    input.firstResponseMs = cols.firstResponseAt[k] ?? NaN;
    input.resolvedMs = cols.resolvedAt[k] ?? NaN;
    input.sentiment = cols.sentiment[k] as -1 | 0 | 1;
    if (!builder.add(input)) unknownPriority(input.priority);
  }
}

/**
 * The report for `window` as of `now`: equal to computeReport(loadCaseFacts(db, window), …), read
 * and computed in a fraction of the time (bench/report.ts measures both). The window's whole days
 * come from stored report days where they are settled (report-days.ts), the rest from the cases.
 */
export function loadReport(db: DbOrTx, window: Window, now: Date, sla: SlaConfig): Report {
  const unknownPriority = (priority: string): never => {
    // Only on corrupt data: look the case up so the error names it, as computeReport's does.
    const bad = db
      .select({ id: cases.id })
      .from(cases)
      .where(and(gte(cases.createdAt, window.from), lt(cases.createdAt, window.to), notInArray(cases.priority, [...PRIORITIES])))
      .get();
    throw new RangeError(`case ${bad?.id ?? '?'} has unknown priority ${JSON.stringify(priority)}`);
  };
  const { first, end } = wholeDays(window);
  const builder = new ReportBuilder(window, now, sla, 0);
  const addCases = (part: Window) => addColumns(builder, loadCaseColumns(db, part), unknownPriority);
  if (first === end) {
    addCases(window);
    return builder.build();
  }
  addCases({ from: window.from, to: new Date(first * DAY_MS) });
  addCases({ from: new Date(end * DAY_MS), to: window.to });
  const policy = policyKey(sla);
  const stored = readStoredDays(db, policy, first, end);
  for (let day = first; day < end; day++) {
    const part = stored.get(day) ?? classifyDay(db, day, policy, now, sla, unknownPriority);
    builder.addPart(part);
  }
  return builder.build();
}

/** One day from its cases; stored when settled, so the next report reads it instead. */
function classifyDay(
  db: DbOrTx,
  day: number,
  policy: string,
  now: Date,
  sla: SlaConfig,
  unknownPriority: (p: string) => never,
): ReportPart {
  const window = dayWindow(day);
  const cols = loadCaseColumns(db, window);
  const builder = new ReportBuilder(window, now, sla, cols.createdAt.length);
  addColumns(builder, cols, unknownPriority);
  const part = builder.toPart();
  if (settledAt(cols, sla) <= now.getTime()) storeDay(db, policy, day, part, now);
  return part;
}
