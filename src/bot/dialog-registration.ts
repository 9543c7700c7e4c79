/**
 * botbuilder-dialogs constructs a new DialogsComponentRegistration (a service collection wiring
 * every memory scope and path resolver) in each DialogContext's DialogStateManager, two or three
 * times a turn, and registers it in place of the previous one. It holds no per-turn state (the
 * scopes read everything from the dialog context they are given), yet building it was about a
 * twentieth of a turn's CPU. Here the class is replaced, once per process, by one that hands back
 * a single shared instance; the dialog state manager's behaviour is unchanged.
 */
interface RegistrationModule {
  DialogsComponentRegistration: new () => object;
}

const SHARED = Symbol.for('sqltriage.sharedDialogsComponentRegistration');

export function shareDialogsRegistration(): void {
  // The module's own exports object: DialogStateManager reads the class from it at each construction.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('botbuilder-dialogs/lib/dialogsComponentRegistration') as RegistrationModule & { [SHARED]?: true };
  if (mod[SHARED]) return;
  const Original = mod.DialogsComponentRegistration;
  let instance: object | undefined;
  // A constructor that returns an object yields that object from `new`.
  function Shared(): object {
    return (instance ??= new Original());
  }
  Shared.prototype = Original.prototype;
  Object.defineProperty(Shared, 'name', { value: Original.name });
  mod.DialogsComponentRegistration = Shared as unknown as RegistrationModule['DialogsComponentRegistration'];
  mod[SHARED] = true;
}
