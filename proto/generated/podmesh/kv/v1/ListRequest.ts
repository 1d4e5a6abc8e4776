// Original file: podmesh/kv/v1/kv.proto


export interface ListRequest {
  /**
   * Empty lists every key.
   */
  'prefix'?: (string);
  /**
   * 1–1000; 0 means the default, 100. A page also ends early once its values reach 3 MiB, so it fits the
   * default 4 MiB gRPC message limit.
   */
  'page_size'?: (number);
  /**
   * next_page_token of the previous page; empty for the first page.
   */
  'page_token'?: (string);
  /**
   * Return keys only (value left empty): cheap listing of large values.
   */
  'keys_only'?: (boolean);
}

export interface ListRequest__Output {
  /**
   * Empty lists every key.
   */
  'prefix': (string);
  /**
   * 1–1000; 0 means the default, 100. A page also ends early once its values reach 3 MiB, so it fits the
   * default 4 MiB gRPC message limit.
   */
  'page_size': (number);
  /**
   * next_page_token of the previous page; empty for the first page.
   */
  'page_token': (string);
  /**
   * Return keys only (value left empty): cheap listing of large values.
   */
  'keys_only': (boolean);
}
