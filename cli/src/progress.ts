// A progress bar on stderr for long runs, only on a terminal (never in a pipe, a file or CI).

export interface Progress {
  tick(done: number): void;
  end(): void;
}

const NONE: Progress = { tick: () => undefined, end: () => undefined };

export function progressBar(total: number, label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.CI || total < 20) return NONE;
  const width = 24;
  let last = -1;
  let shown = false;
  const draw = (done: number) => {
    const pct = Math.floor((done / total) * 100);
    if (pct === last) return;
    last = pct;
    shown = true;
    const full = Math.round((done / total) * width);
    stream.write(`\r${label} ${'█'.repeat(full)}${'░'.repeat(width - full)} ${done}/${total} (${pct}%)`);
  };
  return {
    tick: draw,
    end() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
