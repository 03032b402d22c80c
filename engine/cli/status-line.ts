/**
 * One redrawn line on stderr while long work goes on ("rendering frame 12/80"); silent when
 * piped or under CI, so logs stay clean. Redraws at most every 100 ms, and always the last.
 */
export function statusLine(): { show(text: string, last?: boolean): void; done(): void } {
  const tty = Boolean(process.stderr.isTTY) && process.env.CI !== 'true';
  let shown = 0;
  let drawn = false;
  return {
    show: (text, last = false) => {
      if (!tty || (!last && Date.now() - shown < 100)) return;
      shown = Date.now();
      drawn = true;
      process.stderr.write(`\r\x1b[2K${text}`);
    },
    done: () => {
      if (drawn) process.stderr.write('\n');
    },
  };
}
