import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { Steps } from '../../core/src/index';

/** How long a request works before it lets other messages (a hover, a keystroke, `$/cancelRequest`) in. */
export const SLICE_MS = 15;

const pause: () => Promise<void> =
  typeof setImmediate === 'function' ? () => new Promise((resolve) => setImmediate(resolve)) : () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs core steps in slices of SLICE_MS, pausing between slices so the connection reads and answers other
 * messages. Throws RequestCancelled once the client cancels, ContentModified when `stillValid` (asked after each
 * pause: the document has not been edited meanwhile) says the result would be stale.
 */
export async function sliced<T>(steps: Steps<T>, token: CancellationToken | undefined, stillValid: () => boolean = () => true): Promise<T> {
  let until = performance.now() + SLICE_MS;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() < until) continue;
    await pause();
    if (token?.isCancellationRequested) {
      steps.return(undefined as T);
      throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    }
    if (!stillValid()) {
      steps.return(undefined as T);
      throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
    }
    until = performance.now() + SLICE_MS;
  }
}
