// Loads extension.js with stand-ins for the `vscode` API and vscode-languageclient (which cannot be
// installed offline) and checks what it does: the server command from the settings, the commands it
// registers, the preview requests it sends and the refresh on save. Run: node test/extension.test.js
"use strict";

const assert = require("assert");
const Module = require("module");
const path = require("path");

const log = { started: [], requests: [], fired: [], shown: [], languages: [] };
const handlers = {};
let settings = { pythonPath: "", serverCommand: ["rbl", "lsp"] };

class EventEmitter {
  constructor() { this.listeners = []; this.event = (fn) => this.listeners.push(fn); }
  fire(value) { log.fired.push(value.toString()); this.listeners.forEach((fn) => fn(value)); }
}

class FakeUri {
  constructor(scheme, p, query) { this.scheme = scheme; this.path = p; this.query = query; }
  toString() { return `${this.scheme}:${this.path}${this.query ? "?" + this.query : ""}`; }
  static from(parts) { return new FakeUri(parts.scheme, parts.path, parts.query || ""); }
  static parse(text) {
    const [head, query] = text.split("?");
    const [scheme, ...rest] = head.split(":");
    return new FakeUri(scheme, rest.join(":"), query || "");
  }
}

const source = { languageId: "rbl", uri: FakeUri.parse("file:/work/vol.rbl") };
let provider;

const vscode = {
  EventEmitter,
  Uri: FakeUri,
  ViewColumn: { Beside: -2 },
  window: {
    activeTextEditor: { document: source },
    showErrorMessage: (m) => log.shown.push(m),
    showInformationMessage: (m) => log.shown.push(m),
    showTextDocument: async (doc, options) => log.shown.push([doc.uri.toString(), options.viewColumn]),
  },
  workspace: {
    getConfiguration: () => ({ get: (key) => settings[key] }),
    registerTextDocumentContentProvider: (scheme, p) => { provider = p; return { scheme }; },
    openTextDocument: async (uri) => ({ uri, text: await provider.provideTextDocumentContent(uri) }),
    onDidSaveTextDocument: (fn) => { handlers.save = fn; return {}; },
    onDidCloseTextDocument: (fn) => { handlers.close = fn; return {}; },
    onDidChangeConfiguration: (fn) => { handlers.config = fn; return {}; },
  },
  languages: { setTextDocumentLanguage: async (doc, language) => log.languages.push(language) },
  commands: {
    registerCommand: (name, fn) => { handlers[name] = fn; return {}; },
    executeCommand: (name) => handlers[name](),
  },
};

class LanguageClient {
  constructor(id, name, server, options) {
    this.server = server;
    assert.deepStrictEqual(options.documentSelector, [{ language: "rbl" }]);
  }
  start() { log.started.push([this.server.command, ...this.server.args]); return Promise.resolve(); }
  stop() { return Promise.resolve(); }
  sendRequest(method, params) {
    if (params.textDocument.uri.endsWith("down.rbl")) return Promise.reject(new Error("stopped"));
    log.requests.push([method, params.textDocument.uri]);
    return Promise.resolve(method === "rbl/mql5" ? { error: "the file has errors" } : { text: "In English." });
  }
}

const realLoad = Module._load;
Module._load = function (request, ...rest) {
  if (request === "vscode") return vscode;
  if (request === "vscode-languageclient/node") return { LanguageClient, TransportKind: { stdio: 0 } };
  return realLoad.call(this, request, ...rest);
};

(async () => {
  const extension = require(path.join(__dirname, "..", "extension.js"));
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.deepStrictEqual(log.started, [["rbl", "lsp"]]);
  for (const name of ["rbl.showExplanation", "rbl.showMql5", "rbl.restartServer"]) {
    assert.ok(handlers[name], name);
  }

  await handlers["rbl.showExplanation"]();
  await handlers["rbl.showMql5"]();
  assert.deepStrictEqual(log.requests, [["rbl/explain", "file:/work/vol.rbl"], ["rbl/mql5", "file:/work/vol.rbl"]]);
  assert.deepStrictEqual(log.languages, ["markdown", "cpp"]);
  assert.deepStrictEqual(log.shown.map((s) => s[1]), [-2, -2]);
  assert.strictEqual(await provider.provideTextDocumentContent(FakeUri.parse("rbl-preview:/mql5/vol.rbl.mq5?file:/work/vol.rbl")),
                     "rbl: the file has errors\n");

  assert.strictEqual(await provider.provideTextDocumentContent(FakeUri.parse("rbl-preview:/explain/down.rbl.explain.md?file:/work/down.rbl")),
                     "rbl: the language server did not answer (stopped)\n");

  handlers.save(source);                               // saving the .rbl refreshes both panels
  assert.deepStrictEqual(log.fired.sort(), ["rbl-preview:/explain/vol.rbl.explain.md?file:/work/vol.rbl",
                                            "rbl-preview:/mql5/vol.rbl.mq5?file:/work/vol.rbl"]);
  handlers.save({ languageId: "python", uri: FakeUri.parse("file:/work/x.py") });
  assert.strictEqual(log.fired.length, 2);

  settings = { pythonPath: "/venv/bin/python", serverCommand: ["rbl", "lsp"] };
  await handlers.config({ affectsConfiguration: (key) => key === "rbl.pythonPath" });
  assert.deepStrictEqual(log.started[1], ["/venv/bin/python", "-m", "rbl", "lsp"]);
  console.log("extension.test.js: ok");
})().catch((err) => { console.error(err); process.exit(1); });
