// The Clients view changes one thing at a time: a second click or Enter while a change is on its
// way to the engine waits for its answer, so one click saves once. What the last change was
// refused is the view's too: the message at its field, or the problem, said at the top or in the
// open form, and brought into view.
import { tick } from "svelte";
import { refusal, showRefused } from "../../lib/refusal";

export class Work {
  /** A change is on its way (for the buttons that start one). */
  busy = $state(false);
  /** What the last change was refused, at its field (`prefix` + the engine's field). */
  errors = $state<Record<string, string>>({});
  /** What the last change was refused, when it names no field. */
  problem = $state<string | null>(null);
  /** A plain variable, set before the first await, so that even two clicks in the same instant
   * see it. */
  #inFlight = false;
  #onStart: () => void;

  /** `onStart` puts away what the view said about the last change. */
  constructor(onStart: () => void) {
    this.#onStart = onStart;
  }

  /** Runs `work` unless another change is on its way; a refusal goes to its field (named with
   * `fieldPrefix`) or, naming none, to the problem. */
  async run(work: () => Promise<void>, fieldPrefix = ""): Promise<void> {
    if (this.#inFlight) return;
    this.#inFlight = true;
    this.busy = true;
    this.clear();
    this.#onStart();
    try {
      await work();
    } catch (e) {
      const refused = refusal(e, fieldPrefix);
      this.errors = refused.errors;
      this.problem = refused.problem;
      await showRefused(refused);
      if (this.problem) {
        await tick();
        document.querySelector("[data-testid=panel-problem], [data-testid=clients-problem]")?.scrollIntoView({ block: "center" });
      }
    } finally {
      this.#inFlight = false;
      this.busy = false;
    }
  }

  /** Nothing said yet: a form opens. */
  clear() {
    this.errors = {};
    this.problem = null;
  }

  /** What was said at `field` no longer holds (it was answered). */
  settle(field: string) {
    if (this.errors[field]) this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== field));
  }
}
