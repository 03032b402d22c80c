import { allProven, reportFacts, verdictLine, type RunReport, type VerificationView } from '../contract/index.js';

const short = (checksum: string | null) => (checksum ? checksum.slice(0, 12) : 'none');

/** One line per sink, then the verdict. Returns whether every sink is identical and exported intact. */
export function printVerification(v: VerificationView, log = console.log): boolean {
  for (const s of v.sinks) {
    if (!s.identical) log(`  ✗ ${s.nodeId}: DIFFERENT: the run wrote ${short(s.expected)}…, a fault-free run gives ${short(s.actual)}…`);
    else if (s.exported !== 'ok')
      log(`  ✗ ${s.nodeId}: identical (${short(s.expected)}…), but its export OUT/${s.nodeId}.png is ${s.exported}: run again to repair it`);
    else log(`  ✓ ${s.nodeId}: identical (sha256 ${short(s.expected)}…)`);
  }
  log(`faultline: ${verdictLine(v)}`);
  return allProven(v);
}

/** The run summary card as lines of text: faults by kind, what recovered them, time lost, verdict. */
export function reportLines(r: RunReport): string[] {
  const facts = reportFacts(r);
  return [
    facts.headline,
    `faults: ${facts.faults.length ? facts.faults.join(', ') : 'none'}`,
    `recovery: ${facts.recoveries.join(', ')}`,
    facts.lost,
    `verdict: ${facts.verdict ?? 'not verified (faultline verify JOURNAL)'}`,
  ];
}
