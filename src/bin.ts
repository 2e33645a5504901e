#!/usr/bin/env node
/**
 * The `kripke` command's entry (package.json `bin`): runs cli.ts's main
 * whatever name or link it is started by.
 */
import { main } from './cli.js';

process.exitCode = main(process.argv.slice(2));
