/** Checks on raw input before it reaches the parser: clear messages for what cannot be triaged. */

export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

export type InputProblem = { code: 'empty' | 'binary' | 'too-large'; message: string };

/** Share of control characters (other than tab/CR/LF/form feed) above which input is treated as binary. */
const BINARY_SHARE = 0.1;

export function checkInputBytes(buf: Buffer): InputProblem | undefined {
  if (buf.length > MAX_INPUT_BYTES) {
    return { code: 'too-large', message: `input is ${(buf.length / 1048576).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB — paste the error lines or attach the SQLCHECK report alone` };
  }
  return checkInputText(buf.toString('utf8'));
}

export function checkInputText(text: string): InputProblem | undefined {
  if (Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) {
    return { code: 'too-large', message: `input is larger than ${MAX_INPUT_BYTES / 1048576} MB — paste the error lines or attach the SQLCHECK report alone` };
  }
  if (text.trim().length === 0) return { code: 'empty', message: 'input is empty — paste the error message (or a SQLCHECK report) to triage' };
  const sample = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  if (control / sample.length > BINARY_SHARE) {
    return { code: 'binary', message: 'input looks binary, not text — paste the error text, or save the SQLCHECK report as a .txt file' };
  }
  return undefined;
}
