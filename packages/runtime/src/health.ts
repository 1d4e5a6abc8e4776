// Readiness is a small state machine: starting → ready → draining. Liveness only says the loop runs.
export type HealthState = 'starting' | 'ready' | 'draining';

export class Health {
  #state: HealthState = 'starting';
  readonly #listeners: Array<(state: HealthState) => void> = [];

  get state(): HealthState {
    return this.#state;
  }

  get ready(): boolean {
    return this.#state === 'ready';
  }

  set(state: HealthState): void {
    if (this.#state === 'draining') return; // draining is final
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }

  onChange(listener: (state: HealthState) => void): void {
    this.#listeners.push(listener);
  }
}
