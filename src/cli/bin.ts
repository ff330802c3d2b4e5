#!/usr/bin/env node
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // The command is over: a connection still retrying (Redis gone) or a thread that ignores
  // termination must not keep the process alive. Stdout and stderr are synchronous for files
  // and pipes on Linux, so nothing printed is lost; a clean exit happens before this fires.
  setTimeout(() => process.exit(code), 2000).unref();
});
