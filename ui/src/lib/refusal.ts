// What a form does with a command that failed: the engine's message goes to the field it names
// (and the keyboard with it), or, when it names none, to the form as a whole. One way, in every
// form, so a refusal always keeps what was typed and says where it is wrong.
import { tick } from "svelte";
import { CommandError } from "./api";

export interface Refusal {
  /** The message at its field (`prefix` + the engine's field), or nothing. */
  errors: Record<string, string>;
  /** The message when it names no field. */
  problem: string | null;
}

/** Sorts what a failed command said into a field's error or the form's problem. */
export function refusal(error: unknown, prefix = ""): Refusal {
  if (error instanceof CommandError && error.field) {
    return { errors: { [prefix + error.field]: error.message }, problem: null };
  }
  return { errors: {}, problem: error instanceof Error ? error.message : String(error) };
}

/** Puts the keyboard on the input a refusal names, inside `scope`, once it is drawn; a refusal
 * with no input of its own (a clearance a session needs) is brought into view instead. */
export async function showRefused(refused: Refusal, scope: ParentNode = document): Promise<void> {
  const [field] = Object.keys(refused.errors);
  if (!field) return;
  await tick();
  const name = CSS.escape(field);
  const input = scope.querySelector<HTMLElement>(`[name="${name}"], [id="${name}"]`);
  if (input) input.focus();
  else scope.querySelector(`[data-error="${name}"]`)?.scrollIntoView({ block: "center" });
}
