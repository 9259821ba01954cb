// The rbl extension: starts `rbl lsp` (the language server of the rbl compiler) for .rbl files and
// shows two read-only side panels, the strategy in plain English (rbl/explain) and its generated
// MetaTrader 5 Expert Advisor (rbl/mql5), refreshed whenever the .rbl file is saved.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

const SCHEME = "rbl-preview";
const PANELS = {
  explain: { request: "rbl/explain", suffix: ".explain.md", language: "markdown" },
  mql5: { request: "rbl/mql5", suffix: ".mq5", language: "cpp" },
};

let client;

/** How to start the server: `<rbl.pythonPath> -m rbl lsp`, else `rbl.serverCommand` (default `rbl lsp`). */
function serverOptions() {
  const config = vscode.workspace.getConfiguration("rbl");
  const python = (config.get("pythonPath") || "").trim();
  const [command, ...args] = python ? [python, "-m", "rbl", "lsp"] : config.get("serverCommand") || ["rbl", "lsp"];
  return { command, args, transport: TransportKind.stdio };
}

function startClient(context) {
  client = new LanguageClient("rbl", "rbl", serverOptions(), {
    documentSelector: [{ language: "rbl" }],
    outputChannelName: "rbl",
  });
  return client.start().catch((err) => {
    vscode.window.showErrorMessage(
      `rbl: the language server did not start (${err.message || err}). ` +
        "Install it with pip install 'rbl[lsp]' and set rbl.pythonPath to that environment's Python."
    );
  });
}

/** The preview of one kind for one .rbl file: a virtual document rbl-preview:/<kind>/<file><suffix>?<source uri>. */
function previewUri(kind, sourceUri) {
  const name = sourceUri.path.split("/").pop() + PANELS[kind].suffix;
  return vscode.Uri.from({ scheme: SCHEME, path: `/${kind}/${name}`, query: sourceUri.toString() });
}

class PreviewProvider {
  constructor() {
    this.changed = new vscode.EventEmitter();
    this.onDidChange = this.changed.event;
    this.open = new Map(); // preview uri string -> source uri string
  }

  async provideTextDocumentContent(uri) {
    const kind = uri.path.split("/")[1];
    if (!client || !PANELS[kind]) {
      return "rbl: the language server is not running";
    }
    this.open.set(uri.toString(), uri.query);
    try {
      const answer = await client.sendRequest(PANELS[kind].request, { textDocument: { uri: uri.query } });
      return answer.text !== undefined ? answer.text : `rbl: ${answer.error}\n`;
    } catch (err) {
      return `rbl: the language server did not answer (${err.message || err})\n`;
    }
  }

  refresh(sourceUri) {
    for (const [preview, source] of this.open) {
      if (source === sourceUri.toString()) {
        this.changed.fire(vscode.Uri.parse(preview));
      }
    }
  }
}

async function showPreview(kind) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "rbl") {
    vscode.window.showInformationMessage("rbl: open a .rbl file first");
    return;
  }
  const document = await vscode.workspace.openTextDocument(previewUri(kind, editor.document.uri));
  await vscode.languages.setTextDocumentLanguage(document, PANELS[kind].language);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true,
                                                   preview: false });
}

function activate(context) {
  const previews = new PreviewProvider();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, previews),
    vscode.commands.registerCommand("rbl.showExplanation", () => showPreview("explain")),
    vscode.commands.registerCommand("rbl.showMql5", () => showPreview("mql5")),
    vscode.commands.registerCommand("rbl.restartServer", async () => {
      if (client) {
        await client.stop();
      }
      await startClient(context);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId === "rbl") {
        previews.refresh(document.uri);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === SCHEME) {
        previews.open.delete(document.uri.toString());
      }
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("rbl.pythonPath") || event.affectsConfiguration("rbl.serverCommand")) {
        await vscode.commands.executeCommand("rbl.restartServer");
      }
    })
  );
  return startClient(context);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
