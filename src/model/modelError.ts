/** Where and with what inputs a model threw, so the case can be replayed. */
export interface ModelErrorDetails {
  scenario: string;
  model: string;
  block: number;
  trajectory: number;
  inputs: Record<string, number>;
  message: string;
}

/** A model threw while simulating a trajectory. */
export class ModelError extends Error {
  constructor(readonly details: ModelErrorDetails) {
    const inputs = Object.entries(details.inputs).map(([k, v]) => `${k}=${v}`).join(', ');
    super(
      `model ${details.model} threw in scenario ${details.scenario}, block ${details.block}, trajectory ${details.trajectory}: ${details.message}\n  inputs: ${inputs}`,
    );
    this.name = 'ModelError';
  }
}
