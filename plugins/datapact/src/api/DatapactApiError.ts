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

  constructor(message: string, statusCode: number, errorName: string) {
    super(message);
    this.name = 'DatapactApiError';
    this.statusCode = statusCode;
    this.errorName = errorName;
  }

  /** Reads Backstage's JSON error body (`{ error: { name, message } }`). */
  static async fromResponse(response: Response): Promise<DatapactApiError> {
    let name = 'Error';
    let message = `${response.status} ${response.statusText}`.trim();
    try {
      const body = await response.json();
      if (typeof body?.error?.message === 'string') {
        message = body.error.message;
      }
      if (typeof body?.error?.name === 'string') {
        name = body.error.name;
      }
    } catch {
      // Not JSON (a proxy's error page, say): keep the status line.
    }
    return new DatapactApiError(message, response.status, name);
  }
}
