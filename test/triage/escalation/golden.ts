/** Golden files for the escalation renderings: compared with __golden__/; UPDATE_GOLDEN=1 rewrites them. */
import * as fs from 'fs';
import * as path from 'path';

export function expectGoldenText(name: string, actual: string): void {
  const dir = path.join(__dirname, '__golden__');
  const file = path.join(dir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    if (process.env.CI && !fs.existsSync(file)) throw new Error(`golden file ${file} is missing`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
