import { SuretyError } from "./base.ts";

/**
 * The indexer's trust API refused a request or could not answer it (a 4xx other than not-found, or a 5xx), or
 * answered something that is not the API's shape. `status` is the HTTP status (0 for a malformed answer).
 */
export class TrustApiError extends SuretyError {
  override name = "TrustApiError" as const;
  readonly status: number;
  readonly url: string;
  /** The API's error code (`bad_request`, `internal`, …), or `malformed_response`. */
  readonly code: string;

  constructor({
    status,
    url,
    code,
    message,
    cause,
  }: {
    status: number;
    url: string;
    code: string;
    message: string;
    cause?: unknown;
  }) {
    super(`${message} (${status === 0 ? code : `HTTP ${status}`} from ${url})`, {
      docsPath: "#trustapierror",
      ...(cause === undefined ? {} : { cause }),
    });
    this.status = status;
    this.url = url;
    this.code = code;
  }
}
