"""Running the CLI in-process, as a user would from a shell."""

from nnscratch.cli import main


def run_cli(capsys, *argv):
    """(exit code, stdout, stderr) of `nnscratch ARGV...`; argparse's usage exits count as exit codes."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(capsys, *argv, text=""):
    """The command fails with one line on stderr (no traceback) that contains ``text``."""
    code, out, err = run_cli(capsys, *argv)
    assert code not in (0, None), (out, err)
    assert "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert text in err, err
    return err
