import { ApiError, networkError, toApiError } from './errors';
import { getLocale } from '@/i18n/core';

export interface UploadOptions {
  url: string;
  body: Blob;
  csrfToken: string | null | undefined;
  /** 0–100 while the body is being sent. */
  onProgress?: (percent: number) => void;
}

/**
 * POSTs a raw file with XMLHttpRequest (fetch has no upload progress). The body goes as
 * application/octet-stream; the answer is parsed as JSON; failures throw ApiError like the typed client.
 */
export function uploadRaw<T>(opts: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', opts.url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLocale());
    if (opts.csrfToken) xhr.setRequestHeader('X-CSRF-Token', opts.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress?.(100);
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'server', null, ''));
        }
      } else {
        reject(toApiError(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(networkError(new Error('upload failed')));
    xhr.onabort = () => reject(networkError(new Error('upload aborted')));
    xhr.send(opts.body);
  });
}
