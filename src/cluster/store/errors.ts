/**
 * API errors with the status reasons kube-apiserver returns. `message` is the
 * Status message; `kubectlText` is what kubectl prints for it.
 */

export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Invalid' | 'Forbidden' | 'Conflict' | 'BadRequest';

export class ApiError extends Error {
  constructor(
    readonly reason: StatusReason,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** kubectl's line: `Error from server (NotFound): pods "x" not found`; Invalid errors print bare. */
  get kubectlText(): string {
    if (this.reason === 'Invalid') return this.message;
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

export function notFound(plural: string, name: string): ApiError {
  return new ApiError('NotFound', `${plural} "${name}" not found`);
}

export function alreadyExists(plural: string, name: string): ApiError {
  return new ApiError('AlreadyExists', `${plural} "${name}" already exists`);
}

/** `The Job "x" is invalid: <field errors joined as the API server joins them>`. */
export function invalid(kind: string, name: string, fieldErrors: string[]): ApiError {
  const detail = fieldErrors.length === 1 ? fieldErrors[0] : `[${fieldErrors.join(', ')}]`;
  return new ApiError('Invalid', `The ${kind} "${name}" is invalid: ${detail}`);
}
