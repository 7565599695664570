/** Reports how far a long step has come: a phase name and the fraction (0..1) of bytes done. */
export type ProgressReporter = (phase: string, fraction: number) => void;

export const noProgress: ProgressReporter = () => {};

/**
 * Limits reports to whole percent steps, so a decoder may call it per record without
 * flooding the channel to the UI thread.
 */
export function throttledProgress(report: ProgressReporter): ProgressReporter {
  let lastPhase = '';
  let lastPercent = -1;
  return (phase, fraction) => {
    const percent = Math.floor(fraction * 100);
    if (phase === lastPhase && percent === lastPercent) return;
    lastPhase = phase;
    lastPercent = percent;
    report(phase, fraction);
  };
}
