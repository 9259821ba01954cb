"""The English commands: `rbl explain`, `rbl translate` and `rbl eval-translate` (registered on the app)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from rbl.dsl.english.model_flags import Constrain, FlagError, Mode, ModelFlags

EXIT_ERRORS, EXIT_USAGE = 1, 2
MAX_QUESTIONS = 3

BaseUrl = Annotated[str | None, typer.Option("--base-url", help="The model server, e.g. http://127.0.0.1:8080/v1 "
                                                                  "(overrides RBL_LLM_BASE_URL).")]
Model = Annotated[str | None, typer.Option("--model", help="The model name (overrides RBL_LLM_MODEL).")]
ApiKeyEnv = Annotated[str | None, typer.Option("--api-key-env", metavar="NAME",
                                               help="The environment variable holding the API key "
                                                    "(overrides RBL_LLM_API_KEY; never the key itself).")]
Timeout = Annotated[float | None, typer.Option("--timeout", help="Seconds to wait for the model "
                                                                 "(overrides RBL_LLM_TIMEOUT).")]
Constraint = Annotated[Constrain | None, typer.Option("--constrain", help="Constrain the model's output: none, "
                                                      "grammar (GBNF) or schema (IR JSON schema); "
                                                      "overrides RBL_LLM_CONSTRAIN.")]
ModeFlag = Annotated[Mode | None, typer.Option("--mode", help="dsl: the model writes the .rbl; intent: it fills a "
                                               "small JSON form and rbl writes the .rbl (for small models); auto "
                                               "(default): intent when the model's name says <= 4B parameters. "
                                               "Overrides RBL_LLM_MODE.")]


def register(app: typer.Typer) -> None:
    app.command(name="explain")(explain_command)
    app.command(name="translate")(translate_command)
    app.command(name="eval-translate")(eval_command)


def explain_command(
    file: Annotated[Path, typer.Argument(help="The .rbl file to explain.")],
) -> None:
    """Print the strategy in plain English: a paragraph, then one bullet per rule.

    Example: rbl explain examples/threshold_60_40.rbl
    """
    from rbl.cli.common import compile_or_exit
    from rbl.dsl.explain import explain

    result = compile_or_exit(file)
    typer.echo(explain(result.checked.strategy), nl=False)


def translate_command(
    text: Annotated[str | None, typer.Argument(help="The strategy in English; '-' reads stdin.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the .rbl to this file.")] = None,
    from_file: Annotated[Path | None, typer.Option("--from", help="Read the English from this file.")] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Use the offline translator, never a model.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Write the file without asking to confirm.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
    base_url: BaseUrl = None, model: Model = None, api_key_env: ApiKeyEnv = None, timeout: Timeout = None,
    constrain: Constraint = None, mode: ModeFlag = None,
) -> None:
    """Translate English into a checked .rbl strategy, explain it back and list every assumption.

    The model (RBL_LLM_BASE_URL, RBL_LLM_MODEL, RBL_LLM_API_KEY) is used when configured;
    otherwise the offline translator. On a missing fact it asks one question (or fails with it).

    Example: rbl translate "60% SPY, 40% AGG, rebalance when any asset drifts over 5%" -o t.rbl
    """
    env = _env_of(ModelFlags(base_url, model, api_key_env, timeout, constrain, mode), offline)
    english = _read_english(text, from_file)
    if output is not None:      # never over the English it reads, nor an existing file without --force
        from rbl.dsl.outputs import check_outputs

        check_outputs({"-o": output}, [from_file] if from_file else [], force)
    translation = _translate_asking(english, offline, env)
    _show(translation)
    if output is not None:
        _write(output, translation.rbl, yes)


def _env_of(flags: ModelFlags, offline: bool) -> dict[str, str] | None:
    """The environment the model reads, flags laid over RBL_LLM_*; a bad flag is a usage error."""
    if offline and flags.given():
        _fail("--offline never uses a model: drop --offline or the model flags", EXIT_USAGE)
    try:
        return _model_env(flags)
    except FlagError as err:
        _fail(str(err), EXIT_USAGE)


def _model_env(flags: ModelFlags) -> dict[str, str]:
    from rbl.dsl.english.model_flags import model_env

    return model_env(flags)


def _read_english(text: str | None, from_file: Path | None) -> str:
    if from_file is not None:
        try:
            english = from_file.read_text(encoding="utf-8")
        except OSError as err:
            _fail(f"{from_file}: cannot read the English text ({err.strerror or 'unreadable'})", EXIT_USAGE)
        except UnicodeDecodeError:
            _fail(f"{from_file}: cannot read the English text (not UTF-8; save it as UTF-8)", EXIT_USAGE)
    elif text == "-" or (text is None and not sys.stdin.isatty()):
        english = sys.stdin.read()
    else:
        english = text or ""
    if not english.strip():
        _fail("no English text given: pass it as an argument, with --from FILE, or on stdin", EXIT_USAGE)
    return english.strip()


def _interactive() -> bool:
    return sys.stdin.isatty()


def _translate_asking(english: str, offline: bool, env: dict[str, str] | None = None):
    """Translate; on a question ask it on a terminal (and retry with the answer), else fail with it."""
    from rbl.dsl.english.front import translate

    asked: dict[str, str] = {}
    for _ in range(MAX_QUESTIONS):
        translation = translate(english, offline=offline, env=env)
        if translation.question is None:
            break
        if not _interactive():
            _fail(f"question: {translation.question}\n(answer it in the text and run again)", EXIT_ERRORS)
        if translation.question in asked:      # one question per fact: the answer did not settle it
            _fail(f"the answer '{asked[translation.question]}' did not settle the question: "
                  f"{translation.question}\n(answer it in the text and run again)", EXIT_ERRORS)
        answer = typer.prompt(translation.question).strip()
        asked[translation.question] = answer
        english = _answered(english, answer, translation)
    if translation.error is not None or translation.rbl is None:
        _fail(translation.error or f"question: {translation.question}", EXIT_ERRORS)
    return translation


def _answered(english: str, answer: str, translation) -> str:
    """The English with the answer in it: in place of the phrase asked about, or as one more sentence."""
    from rbl.dsl.english.offline import means_nothing, original_words

    words = original_words(english, translation.phrase) if translation.phrase else None
    if words:
        return english.replace(words, "" if means_nothing(answer) else answer.rstrip("."), 1)
    return f"{english.rstrip().rstrip('.')}. {_completed(answer, translation.frame)}"


def _completed(answer: str, frame: str | None) -> str:
    """A short answer ('5pp') made the sentence its question was about; a whole sentence is kept."""
    if frame is None or len(answer.split()) > 4:
        return answer
    return frame.format(answer.rstrip("."))


def _show(translation) -> None:
    """The .rbl, then its explanation and assumptions as comments: `rbl translate ... > s.rbl` keeps a working file."""
    from rbl.dsl.english.front import explained

    notes = ["In plain English (rbl explain):", "", *explained(translation.rbl).splitlines()]
    notes += (["Assumptions (check them):", *(f"- {a}" for a in translation.assumptions)] if translation.assumptions
              else ["Assumptions: none"])
    typer.echo(translation.rbl)
    typer.echo("\n".join(f"# {line}".rstrip() for line in notes))


def _write(output: Path, rbl: str, yes: bool) -> None:
    if not yes:
        if not _interactive():
            _fail(f"not written: confirm the meaning above, then run again with --yes to write {output}",
                  EXIT_ERRORS)
        if not typer.confirm(f"Write {output}?", default=False):
            _fail(f"not written: {output}", EXIT_ERRORS)
    try:
        output.write_text(rbl, encoding="utf-8")
    except OSError as err:
        _fail(f"{output}: cannot write ({err.strerror or 'unwritable'})", EXIT_USAGE)
    typer.echo(f"wrote {output}")


def eval_command(
    offline_only: Annotated[bool, typer.Option("--offline", help="Evaluate the offline translator only.")] = False,
    set_path: Annotated[Path | None, typer.Option("--set", help="An evaluation set file (default: the bundled one).")] = None,
    base_url: BaseUrl = None, model: Model = None, api_key_env: ApiKeyEnv = None, timeout: Timeout = None,
    constrain: Constraint = None, mode: ModeFlag = None,
) -> None:
    """Score the translators on an evaluation set: parse, check, IR and backtest equivalence.

    Example: rbl eval-translate --offline --set tests/english/data/heldout_set.txt
    """
    from rbl.dsl.english.evalset import DEFAULT_PATH
    from rbl.dsl.english.evaluate import evaluate_all, render_report

    env = _env_of(ModelFlags(base_url, model, api_key_env, timeout, constrain, mode), offline_only)
    path = set_path or DEFAULT_PATH
    if not path.is_file():
        _fail(f"{path}: no such evaluation set file", EXIT_USAGE)
    try:
        scores = evaluate_all(include_model=not offline_only, path=path, env=env)
    except (ValueError, UnicodeDecodeError) as err:
        _fail(f"{path}: not an evaluation set ({err})", EXIT_ERRORS)
    typer.echo(render_report(scores))


def _fail(message: str, code: int) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)
