/**
 * Prints one plain closing line, `N passed, N failed` (and skipped), after Jest's own summary, so
 * CI logs state the count in a form any reader recognises.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.stdout.write(`\nTests: ${line}\n${line}\n`);
  }
}
module.exports = SummaryReporter;
