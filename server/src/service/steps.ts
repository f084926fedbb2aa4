/**
 * A check in steps: it pauses (yields) between slices of a large payload, so that the language server can
 * answer other requests in between and drop a check whose document has changed. Run to the end, it is the
 * plain synchronous check.
 */
export type Steps<T> = Generator<void, T, void>;

/** Entities checked between two pauses of a long check. */
export const ENTITIES_PER_STEP = 64;

/** Runs a check to its end, without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface Pacing {
  /** How long a slice may run before the check pauses, in milliseconds. */
  sliceMs: number;
  /** Lets the event loop run (other requests are answered then). */
  pause: () => Promise<void>;
  /** True once the result is no longer wanted (a newer version of the document arrived). */
  cancelled: () => boolean;
  /** The clock, in milliseconds. */
  now: () => number;
}

/** Runs a check in slices of at most `sliceMs`; undefined when it was cancelled between two slices. */
export async function runStepsPaced<T>(steps: Steps<T>, pacing: Pacing): Promise<T | undefined> {
  let sliceStart = pacing.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (pacing.now() - sliceStart < pacing.sliceMs) continue;
    await pacing.pause();
    if (pacing.cancelled()) {
      steps.return(undefined as T);
      return undefined;
    }
    sliceStart = pacing.now();
  }
}
