"""The models shipped inside the package, on their real weights."""

from __future__ import annotations

import json

import pytest

from clinqa.cli.main import main


def test_default_qa_model_answers_offline_with_everything(examples, capsys):
    code = main(["ask", "--note", str(examples / "discharge_summary.txt"),
                 "What medications was the patient discharged on?", "--json", "-k", "3"])
    out = capsys.readouterr()
    assert code == 0, out.err
    doc = json.loads(out.out)
    assert doc["model"] == "clinqa-qa-multilingual" and doc["method"] == "extractive"  # the default reader
    text = (examples / "discharge_summary.txt").read_text(encoding="utf-8")
    for a in doc["answers"]:
        assert text[a["start"]:a["end"]] == a["text"]
        # the question says what it asks for; the head's distribution, where the span came from
        # the reader (a list item read under its header has none), is still a distribution
        assert a["category"] == "Medication" and a["category_source"] == "question: asks which medication"
        assert not a["category_probs"] or abs(sum(a["category_probs"].values()) - 1) < 1e-2
        assert a["assertion"] and a["sentence_id"] and a["sentence"]["start"] <= a["start"]


def test_default_qa_model_reads_a_long_note_in_windows(examples):
    from clinqa.qa.reader import ExtractiveReader
    from clinqa.types import Note

    reader = ExtractiveReader.load()
    base = (examples / "discharge_summary.txt").read_text(encoding="utf-8")
    note = Note("long", base * 6)  # several windows
    (a,) = reader.answer(note, "What was the temperature?")
    a.check(note)
    assert len(reader.tokenizer(note.text)["input_ids"]) > 3 * reader.max_length


@pytest.mark.slow
def test_default_qa_model_on_heldout_covid_qa(shared_data):
    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.evaluation import evaluate_reader
    from clinqa.qa.reader import ExtractiveReader

    ex = read_qa_spec(str(shared_data / "covid_qa" / "covid_qa.json") + "#heldout")[:30]
    ev = evaluate_reader(ExtractiveReader.load(), ex)  # the default reader with its own reading settings
    assert ev.squad.f1 > 25.0  # far above chance on unseen articles (31.8 on these 30 on 2026-12-06; README)


@pytest.mark.slow
@pytest.mark.parametrize("lang,floor", [("de", 25.0), ("ar", 25.0), ("zh", 12.0)])
def test_multilingual_qa_model_reads_xquad_zero_shot(shared_data, lang, floor):
    """clinqa-qa-multilingual never saw XQuAD; on the first 40 questions in a Latin, an Arabic and
    a Chinese-script language it must still be far above what the English reader gets there
    (MiniLM: de 17, ar 5, zh 3 F1 on 150 questions; this model on these 40: de and ar above 30,
    zh 15.75, whose full file averages 34.7)."""
    from clinqa.data import read_squad
    from clinqa.qa.evaluation import evaluate_reader
    from clinqa.qa.reader import ExtractiveReader

    ex = list(read_squad(shared_data / "xquad" / f"xquad.{lang}.json"))[:40]
    reader = ExtractiveReader.load("clinqa-qa-multilingual")
    assert reader.model.qa_config.base_model == "multilingual-e5-small"
    ev = evaluate_reader(reader, ex)
    assert ev.squad.f1 > floor, ev.squad.f1


def test_packaged_multilingual_model_is_lean_and_reads_its_base():
    """Shipped without word embeddings or tokenizer (both come from multilingual-e5-small), in
    float16, with a model card."""
    from safetensors import safe_open

    from clinqa.qa.reader import packaged_model_dir

    folder = packaged_model_dir("clinqa-qa-multilingual")
    assert (folder / "README.md").is_file() and not (folder / "tokenizer.json").exists()
    cfg = json.loads((folder / "clinqa_qa.json").read_text())
    assert cfg["base_model"] == "multilingual-e5-small" and cfg["base_params"] == ["embeddings.word_embeddings.weight"]
    with safe_open(str(folder / "encoder" / "model.safetensors"), "pt") as f:
        keys = list(f.keys())
        assert "embeddings.word_embeddings.weight" not in keys
        assert str(f.get_tensor(keys[0]).dtype) == "torch.float16"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size < 50e6 and (folder / "LICENSE.txt").is_file()
    from clinqa.models.registry import packaged_status

    assert next(p for p in packaged_status() if p["name"] == "clinqa-qa-multilingual")["installed"]  # doctor


def test_packaged_cross_encoder_prefers_the_answer_sentence():
    from clinqa.retrieval.dense import CrossEncoderScorer

    sents = ["The patient was discharged on metoprolol 25 mg twice daily.", "The weather was cold in December.",
             "Chest x-ray showed a right lower lobe consolidation."]
    s = CrossEncoderScorer("clinqa-cross-minilm").fit(sents).score("What did the chest x-ray show?")
    assert s.argmax() == 2
    s = CrossEncoderScorer("clinqa-cross-minilm").fit(sents).score("What medication was the patient discharged on?")
    assert s.argmax() == 0


RADIOLOGY_FINDINGS = ("The heart size and mediastinal contours are within normal limits. The lungs are clear. "
                      "There is no pneumothorax or pleural effusion. No acute bony abnormality.")


def test_packaged_summarizer_works_offline(capsys):
    """The shipped LoRA adapter over the offline SmolLM2: a short impression, not the base
    model's chatty paragraph."""
    code = main(["summarize", "--findings", RADIOLOGY_FINDINGS, "--model", "clinqa-sum-smollm2", "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    doc = json.loads(out.out)
    assert doc["model"] == "clinqa-sum-smollm2" and doc["impression"].strip()
    assert len(doc["impression"].split()) < 40
    assert any(w in doc["impression"].lower() for w in ("no acute", "normal", "negative", "clear"))


def test_packaged_adapter_is_small_and_names_its_offline_base():
    from clinqa.models.registry import PACKAGED_DIR

    folder = PACKAGED_DIR / "clinqa-sum-smollm2"
    cfg = json.loads((folder / "adapter_config.json").read_text())
    assert cfg["base_model_name_or_path"] == "smollm2-135m-instruct" and cfg["task_type"] == "CAUSAL_LM"
    assert (folder / "adapter_model.safetensors").stat().st_size < 6_000_000
    assert (folder / "README.md").is_file()


def test_offline_generator_cites_existing_sentences(examples, capsys):
    note = examples / "discharge_summary.txt"
    code = main(["generate", "--note", str(note), "--question", "Why was the patient admitted?", "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    doc = json.loads(out.out)
    text = note.read_text(encoding="utf-8")
    assert doc["sentences"], doc
    for line in doc["sentences"]:
        assert line["citations"]
        for c in line["citations"]:
            assert text[c["start"]:c["end"]] == c["text"]


# The three abnormal studies, which the shipped adapter alone summarized as normal or
# with findings dropped: the consistency check must bring the findings back into the impression.
ABNORMAL_STUDIES = [
    ("There is a 2.5 cm spiculated mass in the right upper lobe. No pleural effusion.", [("mass",)]),
    ("The heart is enlarged. There is an opacity in the left lower lobe. Small left pleural effusion.",
     [("cardiomegaly", "heart is enlarged"), ("opacity",), ("effusion",)]),
    (None, [("pneumonia",), ("effusion",)]),  # examples/radiology_report.txt
]


@pytest.mark.slow
@pytest.mark.parametrize("findings,named", ABNORMAL_STUDIES)
def test_packaged_summarizer_names_the_abnormal_findings(examples, capsys, findings, named):
    args = ["--findings", findings] if findings else ["--file", str(examples / "radiology_report.txt")]
    assert main(["summarize", *args, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    text = doc["impression"].lower()
    for alternatives in named:
        assert any(a in text for a in alternatives), (alternatives, doc)
    # a normal statement may stay only after the findings, qualified ("Otherwise, no acute ...")
    if "no acute" in text:
        assert "otherwise, no acute" in text and text.index("otherwise") > min(
            text.find(a) for alts in named for a in alts if a in text)
    if doc["draft"] is not None:  # what the check changed is said
        assert any(w.startswith("consistency check") for w in doc["warnings"])
