// One progress bar for long start-up steps (demo seed, catch-up).
import { Presets, SingleBar } from 'cli-progress';

/** A terminal progress bar fed with (done, total, step). */
export function progressBar(): {
  update: (done: number, total: number, step: string) => void;
  stop: () => void;
} {
  const bar = new SingleBar(
    { format: '{bar} {percentage}% | {step}', hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total, step) => {
      if (!started) {
        bar.start(total, done, { step });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { step });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
