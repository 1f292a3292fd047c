/**
 * Field validation errors in the shape of apimachinery's `field.Error`
 * (k8s.io/apimachinery/pkg/util/validation/field/errors.go), so that messages
 * read exactly as kube-apiserver writes them.
 */

export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Not found'
  | 'Forbidden'
  | 'Too long';

export interface FieldError {
  type: FieldErrorType;
  /** Field path in apimachinery notation, e.g. `spec.containers[0].image`. */
  field: string;
  /** The rejected value; omitted from the message for Required, Forbidden and Too long. */
  value?: unknown;
  /** The value already written in Go syntax (e.g. a map literal), printed as is in place of `value`. */
  goValue?: string;
  detail: string;
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'Required value', field, detail };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'Invalid value', field, value, detail };
}

/** Builds an Invalid value error whose value is given in Go syntax, as `%#v` prints maps and structs. */
export function invalidGoValue(field: string, goValue: string, detail: string): FieldError {
  return { type: 'Invalid value', field, goValue, detail };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? 'supported values: ' + supported.map(goQuote).join(', ') : '';
  return { type: 'Unsupported value', field, value, detail };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'Duplicate value', field, value, detail: '' };
}

export function notFound(field: string, value: unknown): FieldError {
  return { type: 'Not found', field, value, detail: '' };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}

/** Quotes a string as Go's %q does for printable ASCII (JSON escaping is the same there). */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** Formats the value part as `ErrorBody` does: numbers and booleans bare, strings quoted, nil as `null`. */
function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Formats the message without the field name, e.g. `Invalid value: 2: must be 1`. */
export function errorBody(error: FieldError): string {
  let body: string = error.type;
  const valueOmitted = error.type === 'Required value' || error.type === 'Forbidden' || error.type === 'Too long';
  if (!valueOmitted) body += ': ' + (error.goValue ?? formatValue(error.value));
  if (error.detail.length > 0) body += ': ' + error.detail;
  return body;
}

export function formatFieldError(error: FieldError): string {
  return `${error.field}: ${errorBody(error)}`;
}

/**
 * Joins errors as `ErrorList.ToAggregate().Error()` does: duplicates dropped,
 * one error bare, several as `[a, b]`.
 */
export function formatAggregate(errors: readonly FieldError[]): string {
  const messages = [...new Set(errors.map(formatFieldError))];
  return messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
}

/**
 * Formats the message kubectl prints for a rejected create: `The Pod "web" is invalid: ...`.
 * kubectl takes the kind from the status details, which carry no API group.
 */
export function formatInvalidObject(kind: string, name: string, errors: readonly FieldError[]): string {
  return `The ${kind} ${goQuote(name)} is invalid: ${formatAggregate(errors)}`;
}

/** Prefixes a field path, e.g. `spec.template` + `spec.containers` → `spec.template.spec.containers`. */
export function joinPath(prefix: string, field: string): string {
  if (prefix === '') return field;
  if (field === '') return prefix;
  return field.startsWith('[') ? prefix + field : `${prefix}.${field}`;
}
