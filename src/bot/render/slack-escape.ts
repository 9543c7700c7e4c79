/**
 * The one escaping function for text that goes into Slack mrkdwn: every Slack renderer sends all
 * text through it, so '<', '>' and '&' (a "<1%" score, a pasted "<server>") cannot become links,
 * mentions or broken entities.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link whose label is escaped and cannot end the link early. */
export function mrkdwnLink(url: string, label: string): string {
  return `<${url.replace(/[<>|\s]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '/')}>`;
}
