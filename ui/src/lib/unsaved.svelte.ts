// Forms with changes not saved yet. Every side panel with a form registers here while it is
// open, so every way of leaving it — Escape, the backdrop, another section, closing the
// window — asks first ("Keep editing" or "Discard") instead of throwing the typing away.

export interface Guard {
  /** True while the form holds changes not saved. */
  dirty(): boolean;
  /** Asks the therapist; resolves true for "Discard", false for "Keep editing". */
  ask(): Promise<boolean>;
  /** The changes outlive another section (the profile's draft does): only closing the window
   * would lose them. */
  keptAcrossSections?: boolean;
}

let guards = $state.raw<Guard[]>([]);

export const unsaved = {
  /** Registers an open form; the returned function unregisters it. */
  register(guard: Guard): () => void {
    guards = [...guards, guard];
    return () => {
      guards = guards.filter((g) => g !== guard);
    };
  },

  /** True when some open form holds changes (reactive); closing the window would lose them. */
  get any(): boolean {
    return guards.some((g) => g.dirty());
  },

  /** True when another section would throw some form's changes away (reactive). */
  get anyLostBySection(): boolean {
    return guards.some((g) => !g.keptAcrossSections && g.dirty());
  },

  /** Asks every form with changes that leaving (another section, or closing the window when
   * `closing`) would lose; true when each may be thrown away (or none had changes). */
  async mayLeave({ closing = false } = {}): Promise<boolean> {
    for (const guard of guards) {
      if ((closing || !guard.keptAcrossSections) && guard.dirty() && !(await guard.ask())) return false;
    }
    return true;
  },
};

/** A form's values as it opened, to compare against: `differs(opened, draft)`. */
export function snapshot(values: unknown): string {
  return JSON.stringify(values);
}

/** True when `values` are no longer what `opened` (a `snapshot`) recorded. */
export function differs(opened: string, values: unknown): boolean {
  return JSON.stringify(values) !== opened;
}
