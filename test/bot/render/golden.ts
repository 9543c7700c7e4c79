/** Golden files: the rendered JSON is compared with test/bot/render/__golden__ (see test/helpers/golden.ts). */
import * as path from 'path';
import { expectGoldenFile } from '../../helpers/golden';

export function expectGolden(name: string, value: unknown): void {
  expectGoldenFile(path.join(__dirname, '__golden__', `${name}.json`), `${JSON.stringify(value, null, 2)}\n`);
}
