"""pledge speaks Chinese and English: one catalogue per language, the same keys in both,
chosen by --lang, PLEDGE_LANG or the locale; and in Chinese, no English word reaches
the user but ids, units, file names, command names and the data itself."""

from __future__ import annotations

import re
import string
from pathlib import Path

import click
import pytest
import typer

from conftest import Run
from pledgecli import labels
from pledgecli.cli import app, main
from pledgecli.labels import en, zh

SRC = Path(__file__).parents[1] / "src" / "pledgecli"
WORDED = [name for name in labels.SECTIONS if name != "HELP"]


def _placeholders(template: object) -> set[str]:
    texts = template if isinstance(template, tuple) else (template,)
    return {name for t in texts for _, name, _, _ in string.Formatter().parse(str(t)) if name}


@pytest.mark.parametrize("section", WORDED)
def test_both_catalogues_have_the_same_keys(section: str) -> None:
    english, chinese = getattr(en, section), getattr(zh, section)
    assert sorted(set(english) - set(chinese)) == [], f"{section}: missing in zh"
    assert sorted(set(chinese) - set(english)) == [], f"{section}: missing in en"


@pytest.mark.parametrize("section", WORDED)
def test_a_translation_fills_only_placeholders_the_code_gives(section: str) -> None:
    english, chinese = getattr(en, section), getattr(zh, section)
    wrong = {
        key: _placeholders(chinese[key]) - _placeholders(english[key])
        for key in english
        if _placeholders(chinese[key]) - _placeholders(english[key])
    }
    assert wrong == {}


# Literal keys the code looks up: t("key"), TEXT["key"], NOTICE["key"], _say("key"), ….
_USES = re.compile(
    r"""(?:\bt|_say|labels\.t)\(\s*"(\w+)"|\b(TEXT|NOTICE|LEDGER|STATUS|FLAGS|FIELDS|COLUMNS)\["(\w+)"\]"""
)


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    missing = []
    for path in SRC.rglob("*.py"):
        if "labels" in path.parts:
            continue
        for m in _USES.finditer(path.read_text(encoding="utf-8")):
            section, key = (m[2], m[3]) if m[2] else ("TEXT", m[1])
            if section == "TEXT" and "_say" in m[0]:
                section = "NOTICE"
            if key not in getattr(en, section):
                missing.append(f"{path.name}: {section}[{key!r}]")
    assert missing == []


def _help_texts() -> list[str]:
    """Every help text --help can show: commands' summaries and docstrings, every option."""
    root = typer.main.get_command(app)
    found: list[str] = []

    def walk(command: click.Command, ctx: click.Context) -> None:
        if command.help:
            found.append(command.help.strip().split("\n")[0])
            found.extend(p for p in command.help.split("\n\n"))
        found.extend(p.help for p in command.get_params(ctx) if getattr(p, "help", None))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, click.Context(sub, info_name=name, parent=ctx))

    walk(root, click.Context(root, info_name="pledge"))
    return found


def test_every_help_text_has_its_chinese() -> None:
    labels.use("zh")
    untranslated = [h for h in _help_texts() if labels.help_text(h) == h]
    assert untranslated == []


def test_help_is_chinese_with_lang_zh_and_from_the_environment(run: Run) -> None:
    for args, env in (
        (["--lang", "zh", "--help"], {}),
        (["status", "--help"], {"PLEDGE_LANG": "zh"}),
    ):
        out = run(*args, env=env).stdout
        assert "用法：" in out and "选项" in out and "显示本帮助并退出。" in out
        assert "Show this message" not in out and "Usage:" not in out
    assert "显示版本号并退出。" in run("--help", env={"LANG": "zh_CN.UTF-8"}).stdout
    assert "Print the version and exit." in run("--help").stdout


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["--lang", "zh"], {}, "逾期未完成"),
        (["--lang", "en"], {"PLEDGE_LANG": "zh"}, "overdue"),
        ([], {"PLEDGE_LANG": "zh"}, "逾期未完成"),
        ([], {"LANG": "zh_CN.UTF-8"}, "逾期未完成"),
        ([], {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "overdue"),
        ([], {"LC_MESSAGES": "zh_TW.UTF-8"}, "逾期未完成"),
        ([], {"PLEDGE_LANG": "fr"}, "overdue"),
        ([], {}, "overdue"),
    ],
)
def test_the_language_comes_from_lang_then_pledge_lang_then_the_locale(
    run: Run, sample: Path, args: list[str], env: dict[str, str], expected: str
) -> None:
    out = run(*args, "overdue", "--as-of", "2025-11-30", env=env).stdout
    assert expected in out
    assert ("逾期未完成" in out) == (expected == "逾期未完成")


def test_an_unknown_language_is_refused_in_its_own_words(run: Run) -> None:
    result = run("--lang", "fr", "status")
    assert result.exit_code == 2 and "'fr' is not a language pledge speaks" in result.output


def _main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stop:
        main(args)
    code = stop.value.code
    return (code if isinstance(code, int) else 0), capsys.readouterr().err


def test_usage_errors_are_worded_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _main(["--lang", "zh", "stauts"], capsys)
    assert code == 2 and err.startswith("pledge：错误：没有这个命令：'stauts'；是不是 'status'？")
    code, err = _main(["--lang", "zh", "status", "--as-of", "someday"], capsys)
    assert code == 2 and "--as-of" in err and "的值无效" in err and "不是日期" in err
    code, err = _main(["--lang", "zh", "status", "--bogus"], capsys)
    assert code == 2 and "没有这个选项：--bogus" in err
    code, err = _main(["status", "--lang", "zh"], capsys)
    assert code == 2 and "--lang goes before the command" in err


def test_errors_from_deep_inside_are_worded_too(run: Run, sample: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("指标,日期,数值\nplatforms,2024-13-01,5\nnope,2024-07-01,x\n", encoding="utf-8")
    result = run("--lang", "zh", "import", str(bad))
    assert result.exit_code == 5
    assert "bad.csv：3行有误，没有导入任何内容" in result.stderr
    assert "第2行，日期列: '2024-13-01' 不是日历上的日期" in result.stderr
    assert "第3行，指标列: 未知的承诺事项 'nope'" in result.stderr
    assert "第3行，数值列: 'x' 不是数字（数字后面可以跟 '个'）" not in result.stderr  # no unit
    missing = run("--lang", "zh", "show", "platfroms").stderr
    assert "未知的承诺事项 'platfroms'；是不是 platforms？" in missing


def test_chinese_dates_in_titles_and_sentences(run: Run, sample: Path) -> None:
    out = run("--lang", "zh", "status", "--as-of", "2025-11-30").stdout
    assert out.startswith("截至2025年11月30日承诺事项推进情况")
    assert out.splitlines()[-1].startswith("14项承诺事项：逾期未完成4项 · 推进中3项")


def test_machine_output_keeps_the_english_contract(run: Run, sample: Path) -> None:
    english = run("status", "--as-of", "2025-11-30", "-f", "json").stdout
    assert run("--lang", "zh", "status", "--as-of", "2025-11-30", "-f", "json").stdout == english
    csv = run("--lang", "zh", "status", "--as-of", "2025-11-30", "-f", "csv").stdout
    assert csv.startswith("id,document_id,title") and ",overdue," in csv


def test_headers_zh_names_the_columns_and_reads_back(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    csv = run("status", "--as-of", "2025-11-30", "-f", "csv", "--headers", "zh").stdout
    assert csv.startswith("指标,文件编号,名称,责任单位") and ",overdue," in csv
    figures = tmp_path / "f.csv"
    assert run("export", "figures", "--headers", "zh", "-o", str(figures)).exit_code == 0
    assert figures.read_text(encoding="utf-8").startswith("指标,日期,数值,方式,来源,备注")
    again = run("import", str(figures))
    assert again.exit_code == 0 and "0 new, 0 revised, 10 unchanged" in again.stderr + again.stdout
    refused = run("export", "figures", "-f", "json", "--headers", "zh")
    assert refused.exit_code == 2 and "JSON keys stay English" in refused.stderr


# -- the tour in Chinese: no English word -----------------------------------------------

# Words that are names, not English: the program, its commands and options, file kinds.
NAMES = {
    "pledge", "init", "load", "add", "list", "show", "record", "status", "overdue", "import",
    "template", "export", "log", "undo", "report", "extract", "sample", "csv", "json", "toml",
    "txt", "html", "utf", "gb18030",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]{2,}")


def _data_words(run: Run) -> set[str]:
    """Every ASCII word in the data: ids, units, titles, sources and notes as written."""
    words: set[str] = set()
    for what in ("commitments", "figures"):
        words |= set(_WORD.findall(run("export", what, "-f", "json").stdout))
    return {w.lower() for w in words}


def _english_words(text: str, allowed: set[str]) -> list[str]:
    return sorted({w for w in _WORD.findall(text) if w.lower() not in allowed})


def test_the_tour_in_chinese_prints_no_english_word(run: Run, sample: Path, tmp_path: Path) -> None:
    figures = tmp_path / "figures.csv"
    figures.write_text(
        "指标,日期,数值,方式,来源\nstations,2025-10-31,25,累计,市局\n", encoding="utf-8"
    )
    template, status_csv, notice = tmp_path / "t.csv", tmp_path / "s.csv", tmp_path / "n.html"
    tour = [
        ["list"],
        ["status", "--as-of", "2025-11-30"],
        ["status", "--by", "owner", "--as-of", "2025-11-30"],
        ["status", "--by", "document", "--as-of", "2025-11-30"],
        ["overdue", "--as-of", "2025-11-30"],
        ["overdue", "--within", "60", "--as-of", "2025-11-30"],
        ["show", "spot-checks-2024", "--as-of", "2025-11-30"],
        [
            "record",
            "platforms",
            "5",
            "--on",
            "2025-11-20",
            "--source",
            "市局",
            "--as-of",
            "2025-11-30",
        ],
        ["template", "--as-of", "2025-11-30", "-o", str(template), "--headers", "zh"],
        ["import", str(figures), "--dry-run", "--as-of", "2025-11-30"],
        ["import", str(figures), "--as-of", "2025-11-30"],
        ["export", "status", "--as-of", "2025-11-30", "-o", str(status_csv)],
        ["log"],
        ["undo", "--yes"],
        ["report", "--as-of", "2025-11-30"],
        ["report", "--as-of", "2025-11-30", "-f", "html", "-o", str(notice)],
    ]
    allowed = NAMES | _data_words(run) | {p.name.lower() for p in (figures, template, status_csv)}
    files = (figures, template, status_csv, notice)
    allowed |= {w.lower() for p in files for w in _WORD.findall(str(p))}  # file names, folder
    found = {}
    for args in tour:
        result = run("--lang", "zh", *args)
        assert result.exit_code == 0, (args, result.output)
        if words := _english_words(result.stdout + result.stderr, allowed):
            found[" ".join(args[:2])] = words
    assert found == {}
    page = notice.read_text(encoding="utf-8")
    text = re.sub(r"<[^>]*>|&\w+;", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S))
    assert _english_words(text, allowed) == []


def test_the_three_lights_and_the_word_beside_each() -> None:
    from pledgecli.render.console import FLAG_STYLE, STATUS_STYLE

    light = {s: next((c for c in ("green", "yellow", "red") if c in STATUS_STYLE[s]), None)
             for s in STATUS_STYLE}  # fmt: skip
    assert light == {
        "met": "green", "met late": "green", "on track": "green",
        "behind": "yellow", "no data": "yellow", "overdue": "red", "error": "red",
        "in progress": None, "tracking": None,
    }  # fmt: skip
    assert FLAG_STYLE == {"due soon": "yellow", "stale": "yellow"}


def test_colour_is_never_the_only_signal(run: Run, sample: Path) -> None:
    out = run("--lang", "zh", "status", "--as-of", "2025-11-30", env={"NO_COLOR": ""}).stdout
    for word in ("逾期未完成", "推进中", "已完成", "跟踪指标", "应报未报"):
        assert word in out
