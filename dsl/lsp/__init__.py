"""The language server (`rbl lsp`): editor features as pure functions over source text, wired by pygls."""
