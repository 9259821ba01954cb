"""llama.cpp's own grammar engine through llama-cpp-python's C API: parse a GBNF, and walk a text through it.

`llama_sampler_init_grammar` runs llama.cpp's grammar parser (llama-grammar.cpp) and returns NULL when it
refuses the grammar (its reason goes to stderr). A text is accepted when each of its tokens, offered alone to
the grammar sampler, keeps its logit (a token the grammar forbids gets -inf) and the end-of-generation token
is allowed after the last one: exactly what constrains a model's sampling in llama.cpp. (llama-cpp-python's
`LlamaGrammar.from_string` only stores the text; it parses nothing.) Only the GGUF's vocabulary is loaded.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

import llama_cpp


class GrammarRefused(Exception):
    """llama.cpp's grammar parser refused the grammar (llama_sampler_init_grammar returned NULL)."""


@dataclass
class Rejection:
    offset: int           # the character where the refused token starts (len(text): the end is not allowed)
    piece: str

    def __str__(self) -> str:
        return f"refused {self.piece!r} at character {self.offset}"


class Vocabulary:
    """A GGUF's vocabulary, loaded without its weights."""

    def __init__(self, gguf_path: str) -> None:
        llama_cpp.llama_backend_init()
        params = llama_cpp.llama_model_default_params()
        params.vocab_only = True
        self.model = llama_cpp.llama_model_load_from_file(gguf_path.encode(), params)
        if not self.model:
            raise FileNotFoundError(f"llama.cpp cannot load {gguf_path}")
        self.vocab = llama_cpp.llama_model_get_vocab(self.model)

    def tokens(self, text: str) -> list[int]:
        data = text.encode()
        room = len(data) + 8
        tokens = (llama_cpp.llama_token * room)()
        count = llama_cpp.llama_tokenize(self.vocab, data, len(data), tokens, room, False, False)
        if count < 0:
            raise ValueError("the text has more tokens than bytes")
        return list(tokens[:count])

    def piece(self, token: int) -> str:
        buffer = ctypes.create_string_buffer(256)
        size = llama_cpp.llama_token_to_piece(self.vocab, token, buffer, len(buffer), 0, False)
        return buffer.raw[:max(size, 0)].decode(errors="replace")

    def grammar(self, gbnf: str, root: str = "root") -> "Grammar":
        sampler = llama_cpp.llama_sampler_init_grammar(self.vocab, gbnf.encode(), root.encode())
        if not sampler:
            raise GrammarRefused("llama.cpp's grammar parser refused the grammar (its reason is on stderr)")
        return Grammar(self, sampler)


class Grammar:
    """One grammar sampler: stateful, so each text gets a fresh one (Vocabulary.grammar)."""

    def __init__(self, vocabulary: Vocabulary, sampler) -> None:
        self.vocabulary, self.sampler = vocabulary, sampler

    def __del__(self) -> None:
        llama_cpp.llama_sampler_free(self.sampler)

    def allows(self, token: int) -> bool:
        candidate = (llama_cpp.llama_token_data * 1)(llama_cpp.llama_token_data(token, 0.0, 0.0))
        array = llama_cpp.llama_token_data_array(candidate, 1, -1, False)
        llama_cpp.llama_sampler_apply(self.sampler, ctypes.byref(array))
        return not math.isinf(candidate[0].logit)

    def walk(self, text: str) -> Rejection | None:
        """None when llama.cpp's grammar accepts the whole of `text` (and lets generation end there)."""
        offset = 0
        for token in self.vocabulary.tokens(text):
            piece = self.vocabulary.piece(token)
            if not self.allows(token):
                return Rejection(offset, piece)
            llama_cpp.llama_sampler_accept(self.sampler, token)
            offset += len(piece)
        end = llama_cpp.llama_vocab_eos(self.vocabulary.vocab)
        return None if self.allows(end) else Rejection(len(text), "<end>")


def accepts(vocabulary: Vocabulary, gbnf: str, text: str) -> Rejection | None:
    return vocabulary.grammar(gbnf).walk(text)
