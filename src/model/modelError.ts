/** The model error, part of the kit for writing models (defined with the other error classes in src/errors.ts). */
export { ModelError, type ModelErrorDetails } from '../errors.js';
