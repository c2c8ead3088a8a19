// The printer (F8): recent jobs with their state, a preview of any job as the paper shows it, a test page.
import { useEffect } from 'react';
import { timeOf, localeOf } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

/** The printer screen. */
export function PrinterView() {
  const jobs = useCounter((s) => s.printJobs);
  const loadPrintJobs = useCounter((s) => s.loadPrintJobs);
  const previewJob = useCounter((s) => s.previewJob);
  const preview = useCounter((s) => s.preview);
  const closePreview = useCounter((s) => s.closePreview);
  const testPrint = useCounter((s) => s.testPrint);
  const printer = useCounter((s) => s.status?.printer);
  const cinema = useCounter((s) => s.status?.cinema);
  const l = localeOf(cinema);
  useEffect(() => {
    void loadPrintJobs();
  }, [loadPrintJobs]);
  return (
    <main className="printer" aria-labelledby="printer-h">
      <div className="printer-grid">
        <section>
          <h2 id="printer-h">Printer</h2>
          <p>
            {printer ? (printer.connected ? 'Connected' : 'Not reachable') : '…'} · paper{' '}
            {printer?.paper ?? '…'} · {printer?.queued ?? 0} waiting
            {printer?.lastError ? ` · ${printer.lastError}` : ''}
          </p>
          <button type="button" onClick={() => void testPrint()}>
            Print a test page
          </button>
          <table className="table">
            <caption>Recent jobs</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">What</th>
                <th scope="col">State</th>
                <th scope="col">Problem</th>
                <th scope="col">
                  <span className="visually-hidden">Preview</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td>{timeOf(j.createdAt, l)}</td>
                  <td>
                    {j.kind}
                    {j.reprint > 0 ? ` (reprint ${String(j.reprint)})` : ''}
                  </td>
                  <td>{j.status}</td>
                  <td>{j.lastError ?? ''}</td>
                  <td>
                    <button type="button" onClick={() => void previewJob(j.id)}>
                      Preview
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="receipt" aria-label="Print preview">
          <h3>Preview</h3>
          {preview ? (
            <>
              <pre className="paper">{preview.text}</pre>
              <button type="button" onClick={closePreview}>
                Close preview
              </button>
            </>
          ) : (
            <p className="muted">Choose a job to see it as the paper shows it.</p>
          )}
        </section>
      </div>
    </main>
  );
}
