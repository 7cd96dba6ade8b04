/**
 * A refusal or failure of the Datapact backend. `message` is the server's
 * own message (what is wrong, in words), so the portal shows it as it is.
 * @public
 */
export class DatapactApiError extends Error {
  /** The HTTP status code. */
  readonly statusCode: number;
  /** The server's error name, e.g. `NotAllowedError` or `ConflictError`. */
  readonly errorName: string;
  /** The governance rule behind a refusal (`community-veto`, …), when the server names one. */
  readonly rule?: string;

  constructor(
    message: string,
    statusCode: number,
    errorName: string,
    rule?: string,
  ) {
    super(message);
    this.name = 'DatapactApiError';
    this.statusCode = statusCode;
    this.errorName = errorName;
    this.rule = rule;
  }

  /** Reads Backstage's JSON error body (`{ error: { name, message, rule? } }`). */
  static async fromResponse(response: Response): Promise<DatapactApiError> {
    let name = 'Error';
    let rule: string | undefined;
    let message = `${response.status} ${response.statusText}`.trim();
    try {
      const body = await response.json();
      if (typeof body?.error?.message === 'string') {
        message = body.error.message;
      }
      if (typeof body?.error?.name === 'string') {
        name = body.error.name;
      }
      if (typeof body?.error?.rule === 'string') {
        rule = body.error.rule;
      }
    } catch {
      // Not JSON (a proxy's error page, say): keep the status line.
    }
    return new DatapactApiError(message, response.status, name, rule);
  }
}
