/**
 * The analysis view of a paste: log prefixes cut from each line, stack frames set apart from
 * message lines. Facts about the failure come from message lines; frames only hint at the driver.
 */

// One log-prefix element at the start of a line; applied repeatedly ("2024-01-05 10:33:18 [ERROR] ...").
const LOG_PREFIX = new RegExp(
  '^(?:' +
    [
      // docker compose / kubectl service column: "worker-1    | "
      '[\\w.-]{1,60}[ \\t]{0,30}\\|[ \\t]',
      // ISO 8601 / SQL style timestamps, optionally bracketed
      '\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[ ]?[+-]\\d{2}:?\\d{2})?\\]?',
      // day/month/year timestamps
      '\\[?\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?\\]?',
      // time of day alone
      '\\[?\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?\\]?',
      // levels: [Error], ERROR, level=error, fail: (the bare word "Error" stays: "Error: 18456, Severity: ...")
      '\\[(?:ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL|SEVERE|Error|Warning|Information|Fatal|Debug|Verbose|error|warn|info|debug)\\]',
      '(?:ERROR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|SEVERE):?(?=\\s)',
      '(?:fail|crit|warn|info|dbug|trce):(?=\\s)',
      'level=\\w{1,12}',
      // pid / thread markers: "33145 ---", "[  restartedMain]"
      '\\d{1,7} ---',
      '\\[ {1,10}\\w{1,40}\\]',
    ].join('|') +
    ')[ \\t]{0,40}(?:[-|:][ \\t]{1,10})?',
);

const FRAME = new RegExp(
  '^(?:' +
    [
      'at\\s\\S', // .NET, Java, Node
      '-{3} End of ', // .NET
      '\\.{3} \\d{1,6} more', // Java
      'from \\S{1,400}:\\d{1,7}:in ', // Ruby
      'File "[^"]{1,400}", line \\d', // Python
      ':\\d{1,7} - \\S', // Bugsnag
      '[\\w.$`<>[\\],+]{1,300}\\([^()]{0,1000}\\) \\+\\d{1,9}$', // ASP.NET error page frames
      '(?:Stack ?Trace|StackTrace)\\s?:?$',
    ].join('|') +
    ')',
);

export function stripLogPrefix(line: string): string {
  let out = line.trimStart();
  for (let i = 0; i < 5; i++) {
    const m = LOG_PREFIX.exec(out);
    if (!m || m[0].length === 0) break;
    out = out.slice(m[0].length).trimStart();
  }
  return out;
}

export function isFrame(line: string): boolean {
  return FRAME.test(line);
}

export interface AnalysisView {
  /** Message lines with log prefixes removed, in order. */
  messages: string[];
  /** Stack frame lines. */
  frames: string[];
}

export function analysisView(text: string): AnalysisView {
  const messages: string[] = [];
  const frames: string[] = [];
  for (const raw of text.split('\n')) {
    const line = stripLogPrefix(raw).trimEnd();
    if (line === '') continue;
    (isFrame(line) ? frames : messages).push(line);
  }
  return { messages, frames };
}
