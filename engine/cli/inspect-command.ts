import { resolve } from 'node:path';
import { EngineError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { openJournalToRead } from '../journal/journal-to-read.js';
import { projectionMismatches } from '../journal/projection.js';
import { ITEM_SEPARATOR, isItemId } from '../contract/items.js';
import { parseOptions } from './parse-options.js';

const HELP = `usage: faultline inspect JOURNAL [--json] [--items]

Every task with its status, executions and last error (--json also: its content key and the
faults injected into it); event counts; and whether the stored
projection agrees with a rebuild from the events. A mapped node (a folder, or downstream of
one) is one line for all its photos; --items lists each photo's task under it.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    json: { type: 'boolean' },
    items: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [file] = positionals;
  if (!file) throw new EngineError('usage', 'inspect needs a journal file');
  const reading = openJournalToRead(resolve(file));
  try {
    const report = inspectJournal(reading.journal);
    if (reading.copied) console.error(`faultline inspect: ${file} is on a read-only file system: read from a copy`);
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report, values.items === true);
    return 0;
  } finally {
    reading.close();
  }
}

export function inspectJournal(journal: Journal) {
  const pipeline = journal.latestPipeline();
  const states = journal.states();
  const tasks = pipeline ? journal.tasks(pipeline.id) : [];
  const executionsByTask = new Map(
    (
      journal.db.prepare(`SELECT task_id AS id, count(*) AS n FROM events WHERE status = 'running' GROUP BY task_id`).all() as Array<{
        id: number;
        n: number;
      }>
    ).map((r) => [r.id, r.n]),
  );
  const lastErrorByTask = new Map(
    (
      journal.db
        .prepare(
          `SELECT task_id AS id, error_kind AS kind, error_message AS message FROM events
        WHERE seq IN (SELECT max(seq) FROM events WHERE error_kind IS NOT NULL GROUP BY task_id)`,
        )
        .all() as Array<{ id: number; kind: string; message: string }>
    ).map((r) => [r.id, r]),
  );
  const faultsByTask = new Map<number, Array<{ attempt: number; kind: string }>>();
  for (const r of journal.db.prepare('SELECT task_id AS id, attempt, fault FROM events WHERE fault IS NOT NULL ORDER BY seq').all() as Array<{
    id: number;
    attempt: number;
    fault: string;
  }>) {
    const list = faultsByTask.get(r.id) ?? [];
    for (const kind of r.fault.split(',')) list.push({ attempt: r.attempt, kind });
    faultsByTask.set(r.id, list);
  }
  // An item's photo, by item key: the path its folder's load was given.
  const photoOfKey = new Map(
    tasks.filter((t) => t.op === 'load' && isItemId(t.nodeId)).map((t) => [t.nodeId.split(ITEM_SEPARATOR)[1]!, String(t.params['path'])]),
  );
  return {
    pipeline: pipeline?.name ?? null,
    run: pipeline ? (journal.latestRun(pipeline.id) ?? null) : null,
    tasks: tasks.map((t) => {
      const s = states.get(t.id);
      const err = lastErrorByTask.get(t.id);
      const [template, key] = t.nodeId.split(ITEM_SEPARATOR);
      return {
        id: t.nodeId,
        /** A mapped node's task for one photo: the node, and the photo. */
        item: key === undefined ? null : { template: template!, photo: photoOfKey.get(key) ?? null },
        op: t.op,
        status: s?.status ?? 'pending',
        contentKey: s?.contentKey ?? null,
        /** How many times its op started (running events). */
        executions: executionsByTask.get(t.id) ?? 0,
        /** Faults injected into it, in order, with the attempt each struck. */
        faults: faultsByTask.get(t.id) ?? [],
        lastError: err ? `${err.kind}: ${err.message}` : null,
      };
    }),
    events: journal.eventCounts(),
    errorKinds: journal.errorKindCounts(),
    projectionMismatches: projectionMismatches(journal.db),
  };
}

type Report = ReturnType<typeof inspectJournal>;
type TaskLine = Report['tasks'][number];

function printReport(report: Report, items: boolean): void {
  console.log(`pipeline: ${report.pipeline ?? '(none)'}`);
  if (report.run) console.log(`latest run: #${report.run.id} ${report.run.status}`);
  const itemsOf = new Map<string, TaskLine[]>();
  for (const t of report.tasks) if (t.item) itemsOf.set(t.item.template, [...(itemsOf.get(t.item.template) ?? []), t]);
  const drawn = report.tasks.filter((t) => !t.item);
  const width = Math.max(4, ...drawn.map((t) => t.id.length), ...(items ? report.tasks.map((t) => (t.item?.photo ?? '').length + 2) : []));
  console.log(`\n${'task'.padEnd(width)}  ${'op'.padEnd(10)}  ${'status'.padEnd(9)}  runs  last error`);
  const line = (name: string, op: string, status: string, runs: number, error: string) =>
    console.log(`${name.padEnd(width)}  ${op.padEnd(10)}  ${status.padEnd(9)}  ${String(runs).padStart(4)}  ${error}`);
  for (const t of drawn) {
    const mine = itemsOf.get(t.id);
    if (!mine) {
      line(t.id, t.op, t.status, t.executions, t.lastError ?? '');
      continue;
    }
    const byStatus = new Map<string, number>();
    for (const i of mine) byStatus.set(i.status, (byStatus.get(i.status) ?? 0) + 1);
    const counts = [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ');
    const errors = mine.filter((i) => i.lastError).length;
    line(
      t.id,
      t.op,
      'mapped',
      mine.reduce((n, i) => n + i.executions, 0),
      `${mine.length} photos: ${counts}${errors ? `; ${errors} met an error` : ''}`,
    );
    if (items) for (const i of mine) line(`  ${i.item?.photo ?? i.id}`, i.op, i.status, i.executions, i.lastError ?? '');
  }
  const counts = Object.entries(report.events)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`\nevents: ${counts || 'none'}`);
  const kinds = Object.entries(report.errorKinds)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  if (kinds) console.log(`faults and recoveries: ${kinds}`);
  console.log(
    `projection: ${report.projectionMismatches === 0 ? 'agrees with a rebuild from events' : `${report.projectionMismatches} rows DISAGREE with a rebuild from events`}`,
  );
}
