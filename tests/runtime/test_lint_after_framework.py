"""lint_paths() from a process that has imported TensorFlow: worker processes cannot be forked
there (TensorFlow's threads), and forkserver workers re-run an unguarded main script. The lint
must still finish, with the same findings as jobs=1, whatever `jobs` says."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.runtime

FILES = 130  # over 2 x 64: lint_paths would split them over two processes

BUGGY = textwrap.dedent('''
    import keras


    class Head{n}(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.dense = keras.layers.Dense(4)
            self.aux = keras.layers.Dense(2)  # never called: LD005

        def call(self, inputs):
            return self.dense(inputs)
''')
CLEAN = BUGGY.replace("return self.dense(inputs)", "return self.aux(self.dense(inputs))")

SCRIPT = textwrap.dedent('''
    import json, sys
    import tensorflow  # noqa: F401  (its threads now run in this process)
    from layerdoctor import lint_paths

    def main():
        found = {}
        for jobs in (None, 1, 2):
            report = lint_paths([sys.argv[1]], use_cache=False, jobs=jobs)
            found[str(jobs)] = sorted([f.path, f.line, f.code] for f in report.findings)
        print("RESULT " + json.dumps(found))

    GUARD
        main()
''')


def _corpus(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    for n in range(FILES):
        (folder / f"head_{n}.py").write_text((BUGGY if n % 2 else CLEAN).format(n=n))
    return folder


def _run(tmp_path, guard):
    script = tmp_path / "lint_after_tensorflow.py"
    script.write_text(SCRIPT.replace("GUARD", guard))
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run([sys.executable, str(script), str(_corpus(tmp_path))], capture_output=True, text=True,
                          env=env, timeout=600)  # a hang fails here, not in CI's time limit
    assert done.returncode == 0, done.stderr[-2000:]
    (line,) = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")]
    return json.loads(line[len("RESULT "):])


@pytest.mark.slow
@pytest.mark.parametrize("guard", ['if __name__ == "__main__":', "if True:  # no __main__ guard"])
def test_lint_after_importing_tensorflow_finishes_with_the_findings_of_jobs_1(tmp_path, guard):
    found = _run(tmp_path, guard)
    expected = sorted([str(tmp_path / "project" / f"head_{n}.py"), 9, "LD005"] for n in range(1, FILES, 2))
    assert found["1"] == expected
    assert found["None"] == expected  # the default
    assert found["2"] == expected  # workers asked for: forkserver, or this process when they cannot start
