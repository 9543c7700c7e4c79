/** Parses a card with the adaptivecards package (the same code the chat page runs) and lists its complaints. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

export function cardComplaints(card: unknown): string[] {
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const out: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) out.push(ctx.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) out.push(e.message);
  return out;
}
