#!/usr/bin/env node
// Generates src/api/schema.d.ts from the server's OpenAPI document.
// Source: $XIAOAN_OPENAPI, else ../build/openapi.json (written by the CMake build through
// `xiaoan openapi`): the server is the one source of truth for the contract.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(webRoot, 'src/api/schema.d.ts');
let input;
if (process.env.XIAOAN_OPENAPI) {
  input = resolve(process.cwd(), process.env.XIAOAN_OPENAPI);
  if (!existsSync(input)) {
    console.error(`gen:api: XIAOAN_OPENAPI=${input} does not exist`);
    process.exit(1);
  }
} else {
  input = resolve(webRoot, '../build/openapi.json');
  if (!existsSync(input)) {
    console.error(`gen:api: ${input} not found; build the server first (make build)`);
    process.exit(1);
  }
}
const bin = resolve(webRoot, 'node_modules/.bin/openapi-typescript');
execFileSync(bin, [input, '-o', out], { stdio: 'inherit', cwd: webRoot });
