/**
 * Thrown when the params cannot apply to these inputs (a crop outside the image): retrying
 * cannot help, so the task goes dead at once with this message.
 */
export class BadParamsError extends Error {
  readonly kind = 'bad_params' as const;
}

/** Thrown when a source file is not a usable image: permanent, like BadParamsError. */
export class BadInputError extends Error {
  readonly kind = 'bad_input' as const;
}
