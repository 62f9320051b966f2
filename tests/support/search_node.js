/* The browser's search (docs/javascripts/casebook-search.js) run in Node against a built index,
   for tests/unit/test_search_engine.py: a page's `window` and `document` reduced to what the
   script uses, its index scripts read from disk.

     node search_node.js SCRIPT ROOT LANG < queries.json  ->  one JSON answer per query */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [script, root, lang] = process.argv.slice(2);
const context = { atob, console, Promise, Map, Set, setTimeout };
context.window = context;
context.document = {
  querySelector: () => null,
  documentElement: { lang },
  createElement: () => ({}),
  head: {
    appendChild(element) {
      setImmediate(() => {
        try { vm.runInContext(fs.readFileSync(path.resolve(element.src), "utf8"), context); }
        catch (error) { element.onerror(error); }
      });
    },
  },
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(script, "utf8"), context);

(async () => {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"));
  const index = await new context.CasebookSearch.Index(lang, root).open();
  const out = [];
  for (const query of queries) {
    const found = await index.search(query);
    out.push({
      query, simplified: index.simplify(query), terms: found.terms, also: found.also || [],
      total: found.total, partial: !!found.partial, forms: found.forms || [],
      results: found.results.map((r) => [r.doc.d, r.score]),
      corrected: found.results.length && !found.partial ? null : await index.correct(query),
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
