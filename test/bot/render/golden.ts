/** Golden files: the rendered JSON is compared with test/bot/render/__golden__; UPDATE_GOLDEN=1 rewrites them. */
import * as fs from 'fs';
import * as path from 'path';

export function expectGolden(name: string, value: unknown): void {
  const file = path.join(__dirname, '__golden__', `${name}.json`);
  const actual = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    if (process.env.CI && !fs.existsSync(file)) throw new Error(`golden file ${file} is missing`);
    fs.writeFileSync(file, actual);
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
