/** RFC 9457 problem details: the only error shape the API answers with. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export const titleFor = (status: number): string => TITLES[status] ?? 'Error';

/** An error that is safe to show the caller as it is. Anything else becomes a generic 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(detail);
    this.name = 'HttpError';
  }

  toProblem(): Problem {
    return {
      type: `https://wego.example/problems/${this.status}`,
      title: titleFor(this.status),
      status: this.status,
      detail: this.detail,
      ...(this.errors && this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: readonly FieldError[]) =>
  new HttpError(400, detail, errors);
export const forbidden = (detail = 'You may not do this') => new HttpError(403, detail);
export const notFound = (detail = 'Not found') => new HttpError(404, detail);
export const conflict = (detail: string) => new HttpError(409, detail);
