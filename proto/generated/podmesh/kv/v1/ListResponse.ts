// Original file: podmesh/kv/v1/kv.proto

import type { Entry as _podmesh_kv_v1_Entry, Entry__Output as _podmesh_kv_v1_Entry__Output } from '../../../podmesh/kv/v1/Entry.ts';

export interface ListResponse {
  'entries'?: (_podmesh_kv_v1_Entry)[];
  /**
   * Empty on the last page.
   */
  'next_page_token'?: (string);
}

export interface ListResponse__Output {
  'entries': (_podmesh_kv_v1_Entry__Output)[];
  /**
   * Empty on the last page.
   */
  'next_page_token': (string);
}
