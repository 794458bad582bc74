// Errors that stop a run carry an exit code. 0 clean, 1 policy failed, 2 usage or runtime error.
export class AibomError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line was wrong: the message says what, and what to type instead. */
export class UsageError extends AibomError {
  constructor(message: string) {
    super(message, 'E_USAGE', 2);
  }
}

/** A configuration or policy file is invalid: the message names the file, key and line. */
export class ConfigError extends AibomError {
  constructor(message: string) {
    super(message, 'E_CONFIG', 2);
  }
}

/** The run could not complete (unreadable root, database missing, network failure on update/export). */
export class RuntimeError extends AibomError {
  constructor(message: string, code = 'E_RUNTIME') {
    super(message, code, 2);
  }
}
