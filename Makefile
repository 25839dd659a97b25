# Two environments: a lean one (the static checker needs neither Keras nor TensorFlow, and its
# tests prove it) and a runtime one with Keras 3 + TensorFlow (CPU) for the inspector.
PYTHON ?= python3
LEAN := .venv
RUNTIME := .venv-runtime
JAX := .venv-jax
TORCH := .venv-torch
PIP_FLAGS ?= --quiet --disable-pip-version-check -c constraints.txt

.PHONY: demo test test-lean test-runtime test-jax test-torch bench docs clean

# The main job on the bundled examples: lint every example, then inspect two runnable models.
demo: $(RUNTIME)/.installed
	$(RUNTIME)/bin/layerdoctor lint examples/lint --no-cache --exit-zero
	$(RUNTIME)/bin/layerdoctor inspect examples/models/buggy_multitask.py --exit-zero
	$(RUNTIME)/bin/layerdoctor inspect examples/models/siamese_shared.py --exit-zero
	$(RUNTIME)/bin/layerdoctor inspect examples/models/clean_classifier.py --exit-zero

# Every test: the lean suite first (no Keras installed), then the runtime suite.
test: test-lean test-runtime

test-lean: $(LEAN)/.installed
	$(LEAN)/bin/python -m pytest -m "not runtime" -p no:cacheprovider

test-runtime: $(RUNTIME)/.installed
	KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 $(RUNTIME)/bin/python -m pytest -m runtime -p no:cacheprovider

# The runtime suite on Keras 3 with another backend, each in its own environment (no TensorFlow
# there): the tests marked for that flavour run, the others are skipped with their reason.
test-jax: $(JAX)/.installed
	KERAS_BACKEND=jax $(JAX)/bin/python -m pytest -m runtime -p no:cacheprovider

test-torch: $(TORCH)/.installed
	KERAS_BACKEND=torch $(TORCH)/bin/python -m pytest -m runtime -p no:cacheprovider

bench: $(RUNTIME)/.installed
	$(RUNTIME)/bin/python bench/lint_corpus.py
	KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 $(RUNTIME)/bin/python bench/inspect_overhead.py
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

$(JAX)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(JAX)
	$(JAX)/bin/python -m pip install $(PIP_FLAGS) -e '.[test,jax]'
	touch $@

$(TORCH)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(TORCH)
	$(TORCH)/bin/python -m pip install $(PIP_FLAGS) -e '.[test,torch]'
	touch $@

clean:
	rm -rf $(LEAN) $(RUNTIME) $(JAX) $(TORCH) build dist src/*.egg-info
