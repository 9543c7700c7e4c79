/** Golden files for the escalation renderings, compared with __golden__/ (see test/helpers/golden.ts). */
import * as path from 'path';
import { expectGoldenFile } from '../../helpers/golden';

export function expectGoldenText(name: string, actual: string): void {
  expectGoldenFile(path.join(__dirname, '__golden__', name), actual);
}
