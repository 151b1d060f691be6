#!/usr/bin/env node
// The server runs its TypeScript sources through tsx: one less build step for a county
// administrator who installs from a clone.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
