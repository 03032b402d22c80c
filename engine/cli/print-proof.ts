import { FAILURE_KINDS, verdictLine, type FailureKind, type RunReport, type VerificationView } from '../contract/index.js';

const short = (checksum: string | null) => (checksum ? checksum.slice(0, 12) : 'none');

/** One line per sink, then the verdict. Returns whether every sink is identical and exported intact. */
export function printVerification(v: VerificationView, log = console.log): boolean {
  for (const s of v.sinks) {
    if (!s.identical) log(`  ✗ ${s.nodeId}: DIFFERENT: the run wrote ${short(s.expected)}…, a fault-free run gives ${short(s.actual)}…`);
    else if (s.exported !== 'ok') log(`  ✗ ${s.nodeId}: identical (${short(s.expected)}…), but its export OUT/${s.nodeId}.png is ${s.exported}: run again to repair it`);
    else log(`  ✓ ${s.nodeId}: identical (sha256 ${short(s.expected)}…)`);
  }
  log(`faultline: ${verdictLine(v)}`);
  return v.identical === v.total;
}

const FAULT_WORDS: Record<FailureKind, string> = {
  injected_error: 'injected errors',
  op_error: 'op errors',
  worker_crashed: 'thread crashes',
  timeout: 'timeouts (hangs)',
  input_missing: 'missing inputs',
  input_corrupt: 'corrupted inputs',
  bad_input: 'bad photos',
  bad_params: 'bad params',
  interrupted: 'interrupted by an engine kill',
  cancelled: 'cancelled',
};

/** The run summary card as lines of text: faults by kind, what recovered them, time lost, verdict. */
export function reportLines(r: RunReport): string[] {
  const faults = FAILURE_KINDS.filter((kind) => r.failures[kind]).map((kind) => `${r.failures[kind]} ${FAULT_WORDS[kind]}`);
  const rec = r.recoveries;
  const recoveries = [
    `${rec.retries} retries`,
    `${rec.respawnedThreads} threads respawned`,
    `${rec.timeouts} timeouts`,
    `${rec.revertedParents} parents reverted`,
    `${rec.resumedInterruptions} interruptions resumed`,
  ];
  return [
    `run ${r.runId} ${r.status}: ${r.completed} of ${r.tasks} tasks completed${r.durationMs === null ? '' : ` in ${(r.durationMs / 1000).toFixed(1)} s`}`,
    `faults: ${faults.length ? faults.join(', ') : 'none'}`,
    `recovery: ${recoveries.join(', ')}`,
    `time lost to faults: ${(r.lostMs / 1000).toFixed(r.lostMs < 10_000 ? 2 : 1)} s of work`,
    `verdict: ${r.verification ? verdictLine(r.verification) : 'not verified (faultline verify JOURNAL)'}`,
  ];
}
