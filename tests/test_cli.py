"""The command-line contract: exit codes 0/1/2, one-line errors in the chosen language, idempotent init."""

import subprocess
import sys
from pathlib import Path

import pytest

import main as entry
from app.db.database import close_database

ROOT = Path(__file__).resolve().parent.parent


def run(*argv):
    code = entry.main(list(argv))
    close_database()
    return code


def test_init_twice_is_safe(db, capsys):
    assert run("--db", db, "--lang", "en", "init") == 0
    assert "up to date" in capsys.readouterr().out
    assert run("--db", db, "--lang", "en", "init") == 0


def test_unknown_command_is_a_usage_error_with_exit_2(capsys):
    assert run("--lang", "en", "frobnicate") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "frobnicate" in err


def test_database_problem_is_one_line_and_exit_1(capsys, tmp_path):
    assert run("--lang", "en", "--db", "postgresql://nobody@127.0.0.1:1/none", "init") == 1
    err = capsys.readouterr().err
    assert err.startswith("baijia: ") and err.count("\n") == 1


def test_user_add_refuses_a_taken_name_with_exit_1(db, capsys):
    assert run("--db", db, "--lang", "en", "user", "add", "amina", "--role", "worker", "--password", "secret12") == 0
    assert run("--db", db, "--lang", "en", "user", "add", "amina", "--role", "worker", "--password", "secret12") == 1
    assert "taken" in capsys.readouterr().err


def test_search_without_match_says_so(db, capsys):
    assert run("--db", db, "--lang", "en", "search", "nobody-here") == 0
    assert "No resident matches" in capsys.readouterr().out


def test_python_main_and_help_work_as_a_process(tmp_path):
    out = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and "init" in out.stdout and "search" in out.stdout
    bad = subprocess.run([sys.executable, "main.py", "--db", str(tmp_path / "x.db"), "demo"], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_errors_follow_the_chosen_language(lang, capsys):
    assert run("--lang", lang, "--db", "postgresql://nobody@127.0.0.1:1/none", "init") == 1
    err = capsys.readouterr().err
    english = "Cannot open the database"
    assert english not in err, "the message must be translated"
