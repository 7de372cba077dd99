import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr when stderr is a terminal (a person is watching); nothing at all when it
 * is a pipe or a file (CI logs, cron), so output stays clean there.
 */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total <= 0) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, stream, hideCursor: true, clearOnComplete: false, etaBuffer: 50 }, Presets.shades_classic);
  bar.start(total, 0);
  return {
    update: (done) => bar.update(Math.min(done, total)),
    stop: () => bar.stop(),
  };
}
