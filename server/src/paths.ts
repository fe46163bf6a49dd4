import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The rule pages shipped beside the bundle (dist/../docs/rules/). */
export function docsBaseFor(distDir: string): string {
  return pathToFileURL(join(distDir, '..', 'docs', 'rules')).href + '/';
}
