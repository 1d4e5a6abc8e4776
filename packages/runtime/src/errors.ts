// One error shape for every service: {"error":{"code":"invalid_argument","message":"…"}}.
export const errorCodeByStatus: Record<number, string> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'deadline_exceeded',
  409: 'already_exists',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'resource_exhausted',
  431: 'headers_too_large',
  500: 'internal',
  502: 'unavailable',
  503: 'unavailable',
  504: 'deadline_exceeded',
};

export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;

  constructor(statusCode: number, message: string, code = errorCodeByStatus[statusCode] ?? 'unknown') {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.code = code;
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(statusCode: number, message: string, code?: string): ErrorBody {
  return { error: { code: code ?? errorCodeByStatus[statusCode] ?? 'unknown', message } };
}
