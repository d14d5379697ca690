/** Pages whose API the server may not have yet; switched on once openapi.json has the operations. */
export const FAMILY_LETTERS = true;
