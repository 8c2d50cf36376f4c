"""The command line, run for real: Typer's runner in-process and a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from expectations import FIXTURES
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
PAGE = FIXTURES / "pages" / "agg_daily8_comments.txt"


def test_clean_txt_prints_the_body():
    result = runner.invoke(app, ["clean", str(PAGE)])
    assert result.exit_code == 0
    assert "Lithium carbonate prices fell" in result.stdout
    assert "Try Our AI Features" not in result.stdout


def test_clean_jsonl_over_a_folder(tmp_path):
    tree = tmp_path / "pages"
    shutil.copytree(FIXTURES / "pages", tree / "a")
    (tree / "b").mkdir()
    shutil.copy(PAGE, tree / "b" / "copy.txt")
    result = runner.invoke(app, ["clean", str(tree), "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(list((FIXTURES / "pages").glob("*.txt"))) + 1
    first = records[0]
    assert {"path", "text", "title", "authors", "date", "source", "site", "language", "captions", "tags"} <= set(first)
    assert "removed" not in first
    assert [r["path"] for r in records] == sorted(r["path"] for r in records)


def test_json_with_explain_lists_removals():
    result = runner.invoke(app, ["clean", str(PAGE), "--format", "json", "--explain"])
    record = json.loads(result.stdout)
    assert record["site"] == "Daily8"
    assert any(r["stage"] == "teasers" for r in record["removed"])


def test_keep_near_duplicates_flag():
    page = FIXTURES / "pages" / "ai_rewrite_bullets.txt"
    default = runner.invoke(app, ["clean", str(page)]).stdout
    kept = runner.invoke(app, ["clean", str(page), "--keep-near-duplicates"]).stdout
    assert "- The plan adds" not in default and "- The plan adds" in kept


def test_missing_file_is_reported_and_the_rest_goes_on(tmp_path):
    result = runner.invoke(app, ["clean", str(tmp_path / "nope.txt"), str(PAGE)])
    assert result.exit_code == 1
    assert "Lithium carbonate" in result.stdout


def test_bad_rules_file_points_at_the_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[pack]\nname = "x"\n\n[[rules]]\nid = "x.one"\npatterns = ["(unclosed"]\n', "utf-8")
    result = runner.invoke(app, ["rules", "--check", str(bad)])
    assert result.exit_code == 2
    assert "bad.toml:6" in result.stderr and "bad pattern" in result.stderr
    result = runner.invoke(app, ["clean", str(PAGE), "--rules", str(bad)])
    assert result.exit_code == 2


def test_rules_lists_packs():
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    for name in ("common", "en", "de", "fr", "es", "it", "pt", "daily8"):
        assert name in result.stdout


def test_explain_shows_kept_and_removed():
    result = runner.invoke(app, ["explain", str(PAGE)])
    assert result.exit_code == 0
    assert "+ Lithium carbonate prices fell" in result.stdout
    assert "- [chrome/rules]" in result.stdout


def test_explain_on_html_lists_the_dom_and_extractor_removals():
    result = runner.invoke(app, ["explain", str(FIXTURES / "html" / "short_article_related_grid.html")])
    assert result.exit_code == 0, result.output
    assert "- [chrome/extractor] not in the main content the extractor chose: Commenter 1 says:" in result.stdout
    records = runner.invoke(app, ["clean", str(FIXTURES / "html" / "short_article_related_grid.html"), "--format", "json",
                                  "--explain"])
    assert records.exit_code == 0, records.output
    stages = {r["stage"] for r in json.loads(records.stdout)["removed"]}
    assert {"dom", "extractor"} <= stages


def test_demo_prints_a_summary():
    result = runner.invoke(app, ["demo", str(FIXTURES / "pages")])
    assert result.exit_code == 0
    assert "pages cleaned; removals by stage:" in result.stdout


def test_clean_md_prints_the_structure_of_an_html_page():
    result = runner.invoke(app, ["clean", str(FIXTURES / "html" / "structured_guide.html"), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "## Sizes compared\n\n| Barrel | Litres | Fills after |\n| --- | --- | --- |\n" in result.stdout
    assert "```\ndef litres(roof_m2, rain_mm):\n    return roof_m2 * rain_mm * 0.9\n```" in result.stdout


def test_subprocess_console_entry(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "clean", str(PAGE), "--format", "jsonl"],
        capture_output=True, text=True, check=True,
    )
    record = json.loads(out.stdout)
    assert record["title"] == "Lithium prices slide as new mines come online in Australia"


def test_favor_option_reaches_the_stages():
    page = FIXTURES / "pages" / "flat_en_guide_with_list.txt"
    balanced = json.loads(runner.invoke(app, ["clean", str(page), "--format", "json", "--explain"]).stdout)
    recall = json.loads(runner.invoke(app, ["clean", str(page), "--format", "json", "--explain", "--favor", "recall"]).stdout)
    cut = [r["text"] for r in balanced["removed"] if r["stage"] == "mainspan"]
    assert cut and set(cut) <= set(recall["text"].splitlines())
    assert not set(cut) & set(balanced["text"].splitlines())
    explained = runner.invoke(app, ["explain", str(page), "--favor", "recall"])
    assert explained.exit_code == 0 and "mainspan" not in explained.stdout
    wrong = runner.invoke(app, ["clean", str(page), "--favor", "everything"])
    assert wrong.exit_code == 2
