import type { Steps } from '../fixes/index';

type Log = (message: string) => void;
const failed = (log: Log, name: string, e: unknown) => log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);

/** Runs a feature; a failure is logged and answered with `fallback`, never thrown to the caller. */
export function guarded<T>(log: Log, name: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    failed(log, name, e);
    return fallback;
  }
}

/** `guarded` for work done in steps. */
export function* guardedSteps<T>(log: Log, name: string, fallback: T, steps: () => Steps<T>): Steps<T> {
  try {
    return yield* steps();
  } catch (e) {
    failed(log, name, e);
    return fallback;
  }
}
