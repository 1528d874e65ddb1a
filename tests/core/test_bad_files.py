"""A corpus of scenario files a user might feed the product, and what each must give.

Each file goes through the CLI (exit 2 with one short line, or 0) and through the
scenario-file box's reader (the same message in the user's language; nothing changes).
"""

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from core.cli import main
from core.model.scenario import SCHEMA_VERSION

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_scenarios"

REJECTED = {
    "string_number.json": (
        "ads.cpc (单次点击成本 CPC) 必须是数值",
        "ads.cpc (Cost per click (CPC)) must be a number",
    ),
    "yes_for_a_number.json": ("必须是数值", "must be a number"),
    "bool_number.json": ("ads.cvr (点击转化率 CVR) 必须是数值", "must be a number"),
    "nan.json": ("必须是有限数值", "must be a finite number"),
    "out_of_bounds.json": ("必须小于或等于 ¥1.00亿", "must be at most ¥100M"),
    "control_chars.json": (
        "ads.\\x1b[31mcpc 不是方案文件中的已知字段",
        "ads.\\x1b[31mcpc is not a known scenario field",
    ),
    "not_object.json": (
        "文件整体 必须是一个 JSON 对象",
        "The file as a whole must be a JSON object",
    ),
    "future_version.json": ("方案文件格式版本", f"must be at most {SCHEMA_VERSION}"),
    "register_residual_above.json": (
        "risks.0：应对后的可能性或影响不能高于应对前",
        "risks.0: the residual likelihood or impact cannot be above the inherent one",
    ),
    "register_duplicate_id.json": ("编号重复", "this id is used twice"),
    "truncated.json": (
        "文件不是有效的 JSON（第 1 行第 41 列有误）",
        "not valid JSON (error at line 1, column 41)",
    ),
    "unknown_choice.json": (
        "中小企业 (sme)、中型企业 (mid)、大型企业 (large)",
        "SME (sme), Mid-size (mid), Large (large)",
    ),
    "deep_nesting.json": ("嵌套过深或数字过长", "nested too deep or a number too long"),
    "huge_number.json": ("嵌套过深或数字过长", "nested too deep or a number too long"),
    "binary_garbage.json": (
        "无法识别文件编码（第 10 字节处）",
        "text encoding is not recognised (at byte 10)",
    ),
}
ACCEPTED = {
    "utf16.json": "双字节方案",
    "gbk.json": "国标码方案",
    "utf8_bom.json": "带签名方案",
    "markdown_name.json": "![x](http://example.com/a.png) <b>bold</b>",
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


def test_the_corpus_is_complete():
    assert {p.name for p in CORPUS.glob("*.json")} == set(REJECTED) | set(ACCEPTED)


@pytest.mark.parametrize(("name", "messages"), REJECTED.items(), ids=list(REJECTED))
def test_a_bad_file_is_refused_with_one_line_naming_the_problem(name, messages):
    for lang, expected in zip(("zh-CN", "en"), messages, strict=True):
        status, out, err = run("evaluate", str(CORPUS / name), "--lang", lang)
        assert status == 2
        assert out == ""
        assert len(err.strip().splitlines()) == 1
        assert expected in err
        assert "\x1b" not in err  # control characters are shown escaped, never sent


@pytest.mark.parametrize(("name", "scenario_name"), ACCEPTED.items(), ids=list(ACCEPTED))
def test_an_odd_but_valid_file_is_read(name, scenario_name):
    status, out, _ = run("evaluate", str(CORPUS / name), "--json")
    assert status == 0
    assert json.loads(out)["scenario_name"] == scenario_name


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * 2_000_000)
    status, _, err = run("evaluate", str(huge))
    assert status == 2
    assert "too large" in err
    status, _, err = run("evaluate", "/dev/zero", "--lang", "zh-CN")
    assert status == 2
    assert "文件过大" in err


def test_thousands_of_problems_give_a_short_line(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps({f"bad{i}": i for i in range(20_000)}), encoding="utf-8")
    status, _, err = run("evaluate", str(path))
    assert status == 2
    assert "and 19995 more" in err
    assert len(err) < 1_000


def test_json_output_cut_short_ends_quietly(tmp_path):
    import subprocess
    import sys

    example = tmp_path / "s.json"
    example.write_text(run("example")[1], encoding="utf-8")
    shell = f"{sys.executable} -m core evaluate {example} --json | head -c 100"
    done = subprocess.run(
        shell, shell=True, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.startswith("{")
    assert "Traceback" not in done.stderr
    assert "BrokenPipe" not in done.stderr
