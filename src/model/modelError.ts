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
  /** `note`: what the caller did about it (kept work, how to replay), printed after the inputs. */
  constructor(readonly details: ModelErrorDetails, note?: string) {
    const inputs = Object.entries(details.inputs).map(([k, v]) => `${k}=${v}`).join(', ');
    super(
      `model ${details.model} threw in scenario ${details.scenario}, block ${details.block}, trajectory ${details.trajectory}: ${details.message}\n  inputs: ${inputs}${note ? `\n  ${note}` : ''}`,
    );
    this.name = 'ModelError';
  }
}
