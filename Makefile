# Environments: a lean one (the static checker needs neither Keras nor TensorFlow, and its
# tests prove it), a runtime one with Keras 3 + TensorFlow (CPU) for the inspector, and one per other
# flavour (tf.keras 2, Keras 3 on JAX, on PyTorch).
PYTHON ?= python3
LEAN := .venv
RUNTIME := .venv-runtime
TFKERAS := .venv-tfkeras
JAX := .venv-jax
TORCH := .venv-torch
PIP_FLAGS ?= --quiet --disable-pip-version-check -c constraints.txt
# pytest-xdist: one worker per core (the runtime tests spend most of their time in TensorFlow/JAX/torch)
PYTEST := -m pytest -p no:cacheprovider -n 2

.PHONY: demo test test-lean test-runtime test-flavours test-tfkeras test-jax test-torch bench docs clean

# The main job on the bundled examples: lint every example, then inspect two runnable models.
demo: $(RUNTIME)/.installed
	$(RUNTIME)/bin/layerdoctor lint examples/lint --no-cache --exit-zero
	$(RUNTIME)/bin/layerdoctor inspect examples/models/buggy_multitask.py --exit-zero
	$(RUNTIME)/bin/layerdoctor inspect examples/models/siamese_shared.py --exit-zero
	$(RUNTIME)/bin/layerdoctor inspect examples/models/clean_classifier.py --exit-zero

# Every test: the lean suite first (no Keras installed), then the runtime suite.
test: test-lean test-runtime

test-lean: $(LEAN)/.installed
	$(LEAN)/bin/python $(PYTEST) -m "not runtime"

test-runtime: $(RUNTIME)/.installed
	KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 $(RUNTIME)/bin/python $(PYTEST) -m runtime

# The runtime suite on tf.keras 2 (tf-keras + TensorFlow CPU, TF_USE_LEGACY_KERAS=1): the tests
# marked for the tfk2 flavour; the others are skipped with their reason.
test-tfkeras: $(TFKERAS)/.installed
	TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 $(TFKERAS)/bin/python $(PYTEST) -m runtime

# The runtime suite on Keras 3 with another backend, each in its own environment (no TensorFlow
# there): the tests marked for that flavour run, the others are skipped with their reason.
test-jax: $(JAX)/.installed
	KERAS_BACKEND=jax $(JAX)/bin/python $(PYTEST) -m runtime

test-torch: $(TORCH)/.installed
	KERAS_BACKEND=torch $(TORCH)/bin/python $(PYTEST) -m runtime

# Every other flavour, each in its own environment (CI runs these after `make test`).
test-flavours: test-tfkeras test-jax test-torch

bench: $(RUNTIME)/.installed
	$(RUNTIME)/bin/python bench/lint_corpus.py
	$(RUNTIME)/bin/python bench/lint_edit.py
	KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 $(RUNTIME)/bin/python bench/inspect_overhead.py
	$(RUNTIME)/bin/python bench/inspect_memory.py
	$(RUNTIME)/bin/python bench/accuracy.py

docs: $(LEAN)/.installed
	$(LEAN)/bin/python -m layerdoctor.docs

$(LEAN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(LEAN)
	$(LEAN)/bin/python -m pip install $(PIP_FLAGS) -e '.[test]' ruff
	touch $@

$(RUNTIME)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(RUNTIME)
	$(RUNTIME)/bin/python -m pip install $(PIP_FLAGS) -e '.[test,runtime]' ruff
	$(RUNTIME)/bin/python -m pip install $(PIP_FLAGS) --no-deps keras-hub regex tokenizers
	touch $@

$(TFKERAS)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(TFKERAS)
	$(TFKERAS)/bin/python -m pip install $(PIP_FLAGS) -e '.[test,runtime]'
	# --no-deps: tf-keras asks for `tensorflow`, which would install the same files again over tensorflow-cpu
	$(TFKERAS)/bin/python -m pip install $(PIP_FLAGS) --no-deps tf-keras
	touch $@

$(JAX)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(JAX)
	$(JAX)/bin/python -m pip install $(PIP_FLAGS) -e '.[test,jax]'
	touch $@

$(TORCH)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(TORCH)
	$(TORCH)/bin/python -m pip install $(PIP_FLAGS) -e '.[test,torch]'
	touch $@

clean:
	rm -rf $(LEAN) $(RUNTIME) $(TFKERAS) $(JAX) $(TORCH) build dist src/*.egg-info
