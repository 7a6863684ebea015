import { publicBaseUrl } from '../shared/config.ts';

/** Where a person follows a request (the public API view; officials see more with their token). */
export const requestUrl = (id: string) => `${publicBaseUrl()}/requests/${encodeURIComponent(id)}`;
