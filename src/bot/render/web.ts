/**
 * The local chat page (and emulator / Direct Line): the same Adaptive Card as Teams, rendered by the
 * adaptivecards package, so the page shows what the Agents Playground shows.
 */
import type { Activity } from 'botbuilder';
import type { Message } from '../../messages/model';
import { renderTeams } from './teams';

export function renderWeb(msg: Message): Partial<Activity> {
  return renderTeams(msg);
}
