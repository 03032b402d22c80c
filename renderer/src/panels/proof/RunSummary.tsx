import { allProven, isProven, reportFacts, type RunReport } from '@contract';
import { useEffect, useState } from 'react';
import { send } from '../../store/engine-client';
import { useFaultline } from '../../store/store';
import { DiffView } from './DiffView';
import { setVerifyAfterEveryRun, verifyAfterEveryRun } from './verify-actions';
import { useVerdict } from '../../store/selectors';

/** The latest run's report, fetched again when the run ends or gets a verdict. */
function useRunReport(): RunReport | null {
  const runId = useFaultline((s) => s.run?.id ?? null);
  const status = useFaultline((s) => s.run?.status ?? null);
  const verifiedAt = useVerdict()?.at ?? null;
  const [report, setReport] = useState<RunReport | null>(null);
  const ended = status === 'completed' || status === 'failed' || status === 'cancelled';
  useEffect(() => {
    if (!ended) {
      setReport(null);
      return;
    }
    let current = true;
    void send('run.report', {}, { quiet: true }).then((r) => current && setReport(r.ok ? r.value : null));
    return () => {
      current = false;
    };
  }, [runId, ended, verifiedAt]);
  return report;
}

/**
 * The run summary card, where the inspector would be when no node is selected: what was
 * injected, what each recovery did, the time it cost, and whether the results equal a
 * fault-free run's.
 */
export function RunSummary() {
  const report = useRunReport();
  const verdict = useVerdict();
  const [auto, setAuto] = useState(verifyAfterEveryRun);
  if (!report) return null;
  const facts = reportFacts(report);
  const all = verdict !== null && allProven(verdict);
  return (
    <section className="run-summary" data-testid="run-summary" data-run-id={report.runId}>
      <h2 className="panel-title">Run {report.runId} summary</h2>
      <p className="summary-headline">{facts.headline}</p>
      <h3 className="section-title">Faults injected</h3>
      {facts.faults.length > 0 ? (
        <ul className="summary-list" data-testid="summary-faults">
          {facts.faults.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">none: this run met no faults</p>
      )}
      <h3 className="section-title">Recovered by</h3>
      <ul className="summary-list" data-testid="summary-recoveries">
        {facts.recoveries.map((r) => (
          <li key={r} className={r.startsWith('0 ') ? 'muted' : ''}>
            {r}
          </li>
        ))}
      </ul>
      <p className="summary-lost">{facts.lost}</p>
      <div
        className={`summary-verdict${verdict ? (all ? ' identical' : ' different') : ''}`}
        data-testid="summary-verdict"
        data-verdict={verdict ? (all ? 'identical' : 'different') : 'none'}
      >
        {verdict ? (
          <>
            <strong>
              {all ? '✓' : '✗'} {facts.verdict}
            </strong>
            <ul className="summary-list">
              {verdict.sinks.map((s) => (
                <li key={s.nodeId} className={isProven(s) ? '' : 'bad'}>
                  {isProven(s) ? '✓' : '✗'} {s.nodeId}{' '}
                  <code>
                    {s.identical ? `sha256 ${s.expected?.slice(0, 12)}` : `run ${s.expected?.slice(0, 8)} ≠ fault-free ${s.actual?.slice(0, 8)}`}
                  </code>
                  {s.exported !== 'ok' && <span> (export {s.exported})</span>}
                  {!s.identical && s.actual !== null && <DiffView nodeId={s.nodeId} />}
                </li>
              ))}
            </ul>
          </>
        ) : report.status === 'completed' ? (
          <span>Not verified yet: press ✓ Verify (top) to compute every output again with no faults and compare.</span>
        ) : (
          <span>Only a completed run can be verified.</span>
        )}
      </div>
      <label className="summary-auto">
        <input
          type="checkbox"
          data-testid="verify-auto"
          checked={auto}
          onChange={(e) => {
            setVerifyAfterEveryRun(e.target.checked);
            setAuto(e.target.checked);
          }}
        />
        Verify after every run
      </label>
    </section>
  );
}
