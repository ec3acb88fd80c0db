/** Stable codes that scripts and the API can branch on. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_UNREADABLE'
  | 'POLICY_INVALID'
  | 'INPUT_INVALID'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'STORE_FAILED'
  | 'ACTION_FAILED';

/**
 * Every error Argus raises on purpose: a code to branch on, the input that caused it,
 * and a hint that tells the user what to do next.
 */
export class ArgusError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly input: unknown;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; input?: unknown; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ArgusError';
    this.code = code;
    this.hint = options.hint;
    this.input = options.input;
  }

  toJSON(): { code: ErrorCode; message: string; hint?: string } {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** One problem in a document, located by its key path. */
export interface IssueAtPath {
  path: string;
  message: string;
}

export class ValidationError extends ArgusError {
  readonly issues: IssueAtPath[];
  constructor(
    code: 'CONFIG_INVALID' | 'POLICY_INVALID' | 'INPUT_INVALID',
    what: string,
    issues: IssueAtPath[],
    hint?: string,
  ) {
    const lines = issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n');
    super(code, `${what} is invalid:\n${lines}`, hint === undefined ? {} : { hint });
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

export class NotFoundError extends ArgusError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} was not found`, { input: id, hint: `check the ${what} id` });
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends ArgusError {
  constructor(message: string, hint?: string) {
    super('CONFLICT', message, hint === undefined ? {} : { hint });
    this.name = 'ConflictError';
  }
}
