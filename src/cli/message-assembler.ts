/**
 * Turns terminal input into chat messages. A paste is one message however many lines (and blank
 * lines) it has: inside a bracketed paste (the terminal marks it with ESC[200~ ... ESC[201~), or as
 * a burst of lines that arrive together. A typed line is sent when no more lines follow within the
 * burst window, so an answer needs no extra empty line. A number, a command or /quit on its own line
 * stands alone, and a blank line followed by one ends the message before it (piped scripts).
 */
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** One-line inputs that never join a paste. */
const COMMAND = /^(\/quit|\/exit|\/file\s.+|\d{1,2}|help|start over|escalate|skip|that fixed it|probe(\s\S+)?)$/i;

export type Piece = { kind: 'message'; text: string } | { kind: 'quit' };

export class MessageAssembler {
  private partial = '';
  private lines: string[] = [];
  private inPaste = false;
  private pasted = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly emit: (p: Piece) => void,
    private readonly burstMs = 60,
  ) {}

  push(chunk: string): void {
    let rest = chunk;
    while (rest.length > 0) {
      if (this.inPaste) {
        const end = rest.indexOf(PASTE_END);
        if (end < 0) {
          this.pasted += rest;
          return;
        }
        this.pasted += rest.slice(0, end);
        rest = rest.slice(end + PASTE_END.length);
        this.inPaste = false;
        this.flushLines();
        this.send(this.pasted);
        this.pasted = '';
        continue;
      }
      const start = rest.indexOf(PASTE_START);
      const text = start < 0 ? rest : rest.slice(0, start);
      this.addText(text);
      if (start < 0) break;
      // Typed text before the paste marker is its own message.
      if (this.partial.trim()) this.lines.push(this.partial);
      this.partial = '';
      this.flushLines();
      this.inPaste = true;
      rest = rest.slice(start + PASTE_START.length);
    }
    this.arm();
  }

  /** End of input (Ctrl-D, or the pipe closed): whatever is left is the last message. */
  end(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.inPaste) this.lines.push(...this.pasted.split(/\r?\n/));
    this.inPaste = false;
    this.pasted = '';
    if (this.partial) this.lines.push(this.partial);
    this.partial = '';
    this.flushLines();
  }

  private addText(text: string): void {
    const parts = (this.partial + text).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.addLine(line);
  }

  private addLine(line: string): void {
    const trimmed = line.trim();
    if (/^\/(quit|exit)$/i.test(trimmed)) {
      this.flushLines();
      this.emit({ kind: 'quit' });
      return;
    }
    const waiting = this.lines.some((l) => l.trim());
    // A command after a blank line (or as the first line) is its own message.
    if (COMMAND.test(trimmed) && (!waiting || this.lines[this.lines.length - 1].trim() === '')) {
      this.flushLines();
      this.send(trimmed);
      return;
    }
    this.lines.push(line);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.lines.some((l) => l.trim())) return;
    this.timer = setTimeout(() => this.flushLines(), this.burstMs);
  }

  private flushLines(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const text = this.lines.join('\n');
    this.lines = [];
    this.send(text);
  }

  private send(text: string): void {
    const t = text.replace(/^\s*\n/, '').trimEnd();
    if (t.trim()) this.emit({ kind: 'message', text: t });
  }
}
