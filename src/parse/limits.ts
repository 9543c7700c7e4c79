/** Size limit for one paste: 1 MiB of UTF-8. Longer input is cut, never rejected. */
export const MAX_PASTE_BYTES = 1_048_576;

/** Cut `input` to at most MAX_PASTE_BYTES of UTF-8 without splitting a character. */
export function cutToLimit(input: string): { text: string; truncated: boolean } {
  // Each UTF-16 unit encodes to at most 3 bytes, so short strings need no byte count.
  if (input.length * 3 <= MAX_PASTE_BYTES) return { text: input, truncated: false };
  if (Buffer.byteLength(input, 'utf8') <= MAX_PASTE_BYTES) return { text: input, truncated: false };
  let text = Buffer.from(input, 'utf8').subarray(0, MAX_PASTE_BYTES).toString('utf8');
  // A character cut in half decodes as U+FFFD at the very end; drop it.
  if (text.endsWith('\uFFFD') && !input.startsWith(text)) text = text.slice(0, -1);
  return { text, truncated: true };
}
