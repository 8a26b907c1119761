/** Largest request body accepted anywhere (forms, JSON, CSV imports): 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;
