/**
 * A presigned POST answered by the API (functions/uploads/), and a file sent with it from the web
 * function, as a browser's form would send it: the policy's fields, then the file, last.
 */
export interface PresignedPost {
  readonly uploadId: string;
  readonly url: string;
  readonly fields: Record<string, string>;
}

/** Whether storage took the file (its policy refuses a wrong size or type, an expired form). */
export async function postFile(presigned: PresignedPost, bytes: Uint8Array): Promise<boolean> {
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from(bytes)]));
  const sent = await fetch(presigned.url, { method: 'POST', body: form, redirect: 'manual' });
  return sent.status < 400;
}
